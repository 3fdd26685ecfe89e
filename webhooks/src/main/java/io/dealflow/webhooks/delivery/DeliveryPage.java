package io.dealflow.webhooks.delivery;

import java.util.List;

/**
 * A page of a subscription's delivery log, newest first.
 *
 * @param nextCursor pass as {@code cursor} for the next page; null on the last page
 */
record DeliveryPage(List<DeliveryView> items, String nextCursor) {
}
