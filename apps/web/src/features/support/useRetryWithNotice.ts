import type { Delivery } from '@telerad/contracts';
import { notifyError, notifySuccess } from '../../app/notify';
import { useRetryDelivery } from './api';

/**
 * The retry button of a deliveries table: retries one delivery now and says how it went (the
 * channel took it, or the error it still answers). `retrying` is the delivery being retried.
 */
export function useRetryWithNotice(): {
  retrying: string | null;
  onRetry: (d: Delivery) => void;
} {
  const retry = useRetryDelivery();
  return {
    retrying: retry.isPending ? (retry.variables ?? null) : null,
    onRetry: (d) =>
      retry.mutate(d.id, {
        onSuccess: (after) =>
          after.state === 'delivered'
            ? notifySuccess(
                `Delivered to ${after.targetLabel ?? after.target}.`,
                'Delivery retried',
              )
            : notifyError(
                new Error(`Still failing: ${after.lastError ?? 'no answer'}`),
                'Delivery retried',
              ),
        onError: (e) => notifyError(e, 'Retry failed'),
      }),
  };
}
