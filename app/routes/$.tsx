/** Unknown URLs: a 404 rendered by the root error boundary. */
import { notFound } from "~/utils/http.server";
export function loader() {
  throw notFound();
}

export function action() {
  throw notFound();
}

export default function NotFound() {
  return null;
}
