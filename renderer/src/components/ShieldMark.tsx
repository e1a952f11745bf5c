/** The Kalkan mark: a plain shield, drawn inline so no asset is fetched. */
export function ShieldMark({ size = 36 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false" className="shield-mark">
      <path d="M16 2 4 6.5v8.2c0 7.3 5.1 13.3 12 15.3 6.9-2 12-8 12-15.3V6.5L16 2Z" fill="currentColor" />
      <path d="M16 8.5c-2.2 0-4 1.8-4 4s1.8 4 4 4 4-1.8 4-4-1.8-4-4-4Zm0 10c-3.3 0-6.5 1.6-6.5 3.6 1.7 2 3.9 3.5 6.5 4.3 2.6-.8 4.8-2.3 6.5-4.3 0-2-3.2-3.6-6.5-3.6Z" fill="#fff" />
    </svg>
  );
}
