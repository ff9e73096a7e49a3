// The hash router: the current screen as React state, and moving to another screen.
import { useEffect, useState } from 'react';
import { hrefOf, parseHash, type Route } from './routes.js';

export { hrefOf, parseHash, type Route };

export function navigate(route: Route): void {
  window.location.hash = hrefOf(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState<Route>(() => parseHash(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseHash(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
