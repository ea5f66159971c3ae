import type { LinksFunction, LoaderFunctionArgs } from "@remix-run/node";
import { Links, Meta, Outlet, Scripts, ScrollRestoration, isRouteErrorResponse, useRouteError, useRouteLoaderData } from "@remix-run/react";
import { type ReactNode, useEffect } from "react";
import { useNonce } from "./components/nonce";
import { type Locale, pickLocale } from "./i18n/locales";
import { useI18n } from "./i18n/use-i18n";
import { getUser } from "./utils/auth.server";
import stylesheet from "./styles/app.css?url";

export const links: LinksFunction = () => [
  { rel: "stylesheet", href: stylesheet },
  { rel: "icon", href: "/favicon.svg", type: "image/svg+xml" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await getUser(request);
  return { locale: pickLocale(user?.locale, request.headers.get("Accept-Language")) };
}

export function Layout({ children }: { children: ReactNode }) {
  const root = useRouteLoaderData<{ locale: Locale }>("root");
  const nonce = useNonce();
  // Marks the page as hydrated: until then a click or a typed character may be lost, and
  // browser tests wait for this mark before they act on or photograph a page.
  useEffect(() => {
    document.documentElement.dataset.hydrated = "true";
  }, []);
  return (
    <html lang={root?.locale ?? "en"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useI18n();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const message =
    isRouteErrorResponse(error) && typeof error.data?.message === "string"
      ? error.data.message
      : status === 404
        ? t.errors.notFoundPage
        : t.errors.unexpected;
  return (
    <main className="narrow">
      <h1>{status === 404 ? t.errors.notFound : status === 403 ? t.errors.forbidden : t.errors.error}</h1>
      <p role="alert">{message}</p>
      <p>
        <a href="/">{t.errors.back}</a>
      </p>
    </main>
  );
}
