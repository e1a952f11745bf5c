import { KeyRound, Lock, UserRound } from 'lucide-react';
import { useEffect, useState, type ReactNode } from 'react';
import { Dialog, Heading, Link, Menu, MenuItem, MenuTrigger, Modal, ModalOverlay, Popover } from 'react-aria-components';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router';
import { ChangePasswordForm } from '../features/auth/ChangePasswordForm';
import { useSession } from '../features/auth/SessionContext';
import { LanguageSwitch } from './LanguageSwitch';
import type { NavItem } from './navItems';
import { ShieldMark } from './ShieldMark';
import { Button } from './ui/Button';
import { UndoToastRegion } from './ui/UndoToast';

export function AppShell({ items, children }: { items: NavItem[]; children: ReactNode }) {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const { phase, signOut } = useSession();
  const [changing, setChanging] = useState(false);
  const [changed, setChanged] = useState(false);
  const user = phase.kind === 'ready' ? phase.session.user : null;
  const office = phase.kind === 'ready' ? phase.officeName : null;
  useFocusHeading(pathname);

  return (
    <div className="shell">
      {/* Not a route: the hash router would take "#main" for a page. Focus moves to the current page's main region. */}
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skipToContent')}
      </a>
      <aside className="sidebar">
        <div className="brand">
          <ShieldMark />
          <div>
            <div className="brand-name">{t('app.name')}</div>
            <div className="brand-tagline">{office ?? t('app.tagline')}</div>
          </div>
        </div>
        <nav aria-label={t('app.mainNavigation')}>
          <ul className="nav-list">
            {items.map(({ id, path, icon: Icon }) => {
              const current = pathname === path || pathname.startsWith(`${path}/`);
              return (
                <li key={id}>
                  <Link href={path} className="nav-link" aria-current={current ? 'page' : undefined} data-nav={id}>
                    <Icon aria-hidden="true" size={18} strokeWidth={2} />
                    <span>{t(`nav.${id}`)}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </nav>
      </aside>
      <div className="workspace">
        <header className="topbar">
          <div className="topbar-spacer" />
          <LanguageSwitch />
          {user ? (
            <MenuTrigger>
              <Button variant="quiet" className="user-button" aria-label={t('shell.userMenu', { name: user.displayName })}>
                <UserRound aria-hidden="true" size={18} />
                <span>{user.displayName}</span>
              </Button>
              <Popover className="popover" placement="bottom end">
                <Menu
                  className="menu"
                  onAction={(key) => {
                    if (key === 'password') setChanging(true);
                    if (key === 'lock') void signOut();
                  }}
                >
                  <MenuItem id="password" className="menu-item">
                    <KeyRound aria-hidden="true" size={16} /> {t('auth.changePassword')}
                  </MenuItem>
                  <MenuItem id="lock" className="menu-item">
                    <Lock aria-hidden="true" size={16} /> {t('shell.lock')}
                  </MenuItem>
                </Menu>
              </Popover>
            </MenuTrigger>
          ) : null}
        </header>
        {changed ? (
          <div className="banner" role="status">
            {t('auth.passwordChanged')}
          </div>
        ) : null}
        <main id="main" tabIndex={-1} className="content">
          {children}
        </main>
        <UndoToastRegion />
      </div>
      {user ? (
        <ModalOverlay className="modal-overlay" isOpen={changing} onOpenChange={setChanging} isDismissable>
          <Modal className="modal">
            <Dialog className="dialog">
              <Heading slot="title">{t('auth.changePassword')}</Heading>
              <ChangePasswordForm
                username={user.username}
                displayName={user.displayName}
                onCancel={() => setChanging(false)}
                onDone={() => {
                  setChanging(false);
                  setChanged(true);
                }}
              />
            </Dialog>
          </Modal>
        </ModalOverlay>
      ) : null}
    </div>
  );
}

/**
 * After a page change (sign-in, opening a case, an assessment, a document…)
 * keyboard and screen-reader focus moves to the new page's heading, once it is
 * on screen (pages load their data first), unless the user already moved it.
 * The focus moves in a task of its own after the next frame (issue 14, item 10):
 * focusing right after a big page's commit made the browser lay the whole page
 * out inside that task (40-60 ms on the assessment form); after a frame the
 * layout is done and the focus costs nothing.
 */
function useFocusHeading(pathname: string): void {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main) return;
    const start = document.activeElement;
    // Pages may show a loading heading first and their own a moment later: follow for a few seconds.
    const settle = () => {
      const heading = main.querySelector<HTMLElement>('h1');
      const active = document.activeElement;
      if (!heading || active === heading) return;
      const userMoved = active !== null && active !== document.body && active !== start && active.tagName !== 'H1';
      if (userMoved) return;
      if (!heading.hasAttribute('tabindex')) heading.setAttribute('tabindex', '-1');
      heading.focus();
    };
    let frame = 0;
    let timer = 0;
    const settleSoon = () => {
      if (frame || timer) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        timer = window.setTimeout(() => {
          timer = 0;
          settle();
        }, 0);
      });
    };
    settleSoon();
    const observer = new MutationObserver(settleSoon);
    observer.observe(main, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 3000);
    return () => {
      observer.disconnect();
      clearTimeout(stop);
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [pathname]);
}
