import { NotFound } from '@/components/ui/not-found';

export default function NotFoundRoute() {
  return <NotFound />;
}
