import { Portal } from './portal';

/** A server component: the page is rendered on the server, the portal's element with it. */
export default function Page() {
  return (
    <main>
      <h1>Your orders</h1>
      <Portal apiBase={process.env.NEXT_PUBLIC_PORTAL_API ?? ''} />
    </main>
  );
}
