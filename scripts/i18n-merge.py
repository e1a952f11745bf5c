#!/usr/bin/env python3
"""Deep-merges {"tr": {...}, "en": {...}} into shared/i18n/{tr,en}.json (see DEVELOPING.md)."""
import json, os, sys
def merge(dst, src):
    for k, v in src.items():
        if isinstance(v, dict):
            dst.setdefault(k, {})
            merge(dst[k], v)
        else:
            dst[k] = v
def add(lang, tree):
    p = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'shared', 'i18n', f'{lang}.json')
    d = json.load(open(p, encoding='utf-8'))
    merge(d, tree)
    open(p, 'w', encoding='utf-8').write(json.dumps(d, ensure_ascii=False, indent=2) + '\n')
if __name__ == '__main__':
    data = json.load(open(sys.argv[1], encoding='utf-8'))
    add('tr', data['tr']); add('en', data['en'])
