import { EmptyState, PageHeader } from './ui';

/** An honest placeholder: the page exists in the navigation, the feature does not yet. */
export function ComingSoon({ title, message }: { title: string; message: string }) {
  return (
    <>
      <PageHeader title={title} />
      <EmptyState title="Coming soon">{message}</EmptyState>
    </>
  );
}
