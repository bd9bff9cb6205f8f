import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Divider, Input, SectionHelper, Text, TextButton } from '@wix/design-system';
import { QRCodeSVG } from 'qrcode.react';
import React, { useState } from 'react';
import { LoadError, Loading, LoadMore } from '../shared/components';
import { messageOf, toast } from '../shared/feedback';
import { formatDateTime, plural } from '../shared/format';
import { useWords } from '../shared/words';
import { formatMoney, type LinkRow, linkKeys, linksApi, STATUS_SKIN } from './api';
import { RecipientPicker } from './RecipientPicker';
import { PAYMENT_LINKS_PHRASES } from './words';

function Payments({ link }: { link: LinkRow }) {
  const query = useInfiniteQuery({
    queryKey: linkKeys.payments(link.id),
    queryFn: ({ pageParam }) => linksApi.paymentLinkPayments({ paymentLinkId: link.id, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.cursor ?? undefined,
  });
  if (query.isPending) return <Loading dataHook="link-payments-loading" />;
  if (query.isError) return <LoadError dataHook="link-payments-error" error={query.error} />;
  const payments = query.data.pages.flatMap((page) => page.payments);
  if (payments.length === 0) {
    return (
      <Text size="small" secondary dataHook="link-payments-empty">
        No payments yet.
      </Text>
    );
  }
  return (
    <Box direction="vertical" gap="SP2" dataHook="link-payments-list">
      {payments.map((p) => (
        <Box key={p.id} verticalAlign="middle" gap="SP2" dataHook={`link-payment-${p.id}`}>
          <Box direction="vertical" flexGrow={1}>
            <Text size="small" weight="bold">
              {p.payer || 'A buyer'}
            </Text>
            <Text size="tiny" secondary>
              {formatDateTime(p.createdDate)}
              {p.method ? ` · ${p.method}` : ''}
            </Text>
          </Box>
          <Text size="small" dataHook={`link-payment-amount-${p.id}`}>
            {formatMoney(p.amount, p.currency)}
          </Text>
        </Box>
      ))}
      <LoadMore dataHook="link-payments-more" query={query} />
    </Box>
  );
}

/** One link: share it (copy, QR code, send), take a payment now, its payments, activate or deactivate, delete. */
export function LinkPanel({ link, onClose }: { link: LinkRow; onClose: () => void }) {
  const client = useQueryClient();
  const linkWords = useWords(PAYMENT_LINKS_PHRASES);
  const [picking, setPicking] = useState(false);
  const [recipients, setRecipients] = useState<string[]>([]);
  const refresh = () => client.invalidateQueries({ queryKey: linkKeys.all });
  const failed = (what: string) => (error: unknown) => toast(`${what}: ${messageOf(error)}`, 'error');

  const send = useMutation({
    mutationFn: (to: string[]) =>
      linksApi.sendPaymentLink({ paymentLinkId: link.id, ...(to.length > 0 ? { recipients: to } : {}) }),
    onSuccess: (answer) => {
      toast(`Sent to ${plural(answer.recipients, 'contact')}.`, 'success');
      setPicking(false);
      setRecipients([]);
    },
    onError: failed('The link was not sent'),
  });
  const take = useMutation({
    mutationFn: () => linksApi.takePayment({ paymentLinkId: link.id }),
    onSuccess: ({ url }) => {
      // A window opened after the answer may be blocked: the checkout's link stays on the panel too.
      const opened = window.open(url, '_blank');
      if (opened) opened.opener = null;
    },
    onError: failed('The checkout did not open'),
  });
  const toggle = useMutation({
    mutationFn: () =>
      link.status === 'ACTIVE'
        ? linksApi.deactivatePaymentLink({ paymentLinkId: link.id })
        : linksApi.activatePaymentLink({ paymentLinkId: link.id }),
    onSuccess: refresh,
    onError: failed('The link did not change'),
  });
  const remove = useMutation({
    mutationFn: () => linksApi.deletePaymentLink({ paymentLinkId: link.id }),
    onSuccess: async () => {
      toast('Payment link deleted.', 'success');
      onClose();
      await refresh();
    },
    onError: failed('The link was not deleted'),
  });

  const copy = async () => {
    if (!link.url) return;
    try {
      await navigator.clipboard.writeText(link.url);
      toast('Link copied.', 'success');
    } catch {
      toast('Copy the link from the box: the browser did not allow copying.', 'warning');
    }
  };
  const canPay = link.status === 'ACTIVE';

  return (
    <Card dataHook="link-panel">
      <Card.Header
        title={link.title}
        subtitle={`${linkWords.type(link.type)} · ${formatMoney(link.amount, link.currency)}`}
        suffix={
          <Box gap="SP2" verticalAlign="middle">
            <Badge size="small" skin={STATUS_SKIN[link.status]} dataHook="link-panel-status">
              {linkWords.status(link.status)}
            </Badge>
            <TextButton dataHook="link-panel-close" size="small" onClick={onClose}>
              Close
            </TextButton>
          </Box>
        }
      />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          {link.url ? (
            <Box gap="SP2" verticalAlign="bottom">
              <Box flexGrow={1}>
                <Input dataHook="link-url" size="small" readOnly value={link.url} />
              </Box>
              <Button dataHook="link-copy" size="small" priority="secondary" onClick={copy}>
                Copy link
              </Button>
            </Box>
          ) : null}
          {link.url && canPay ? (
            <Box direction="vertical" align="center" gap="SP1" dataHook="link-qr">
              <QRCodeSVG value={link.url} size={160} marginSize={2} title={`QR code of ${link.title}`} />
              <Text size="tiny" secondary>
                Show this at the counter: the buyer scans it and pays on their phone.
              </Text>
            </Box>
          ) : null}
          <Box gap="SP2" flexWrap="wrap">
            <Button
              dataHook="link-take-payment"
              size="small"
              disabled={!canPay || take.isPending}
              onClick={() => take.mutate()}
            >
              {take.isPending ? 'Opening checkout…' : 'Take payment now'}
            </Button>
            {link.recipients.length > 0 ? (
              <Button
                dataHook="link-send"
                size="small"
                priority="secondary"
                disabled={!canPay || send.isPending}
                onClick={() => send.mutate([])}
              >
                {send.isPending ? 'Sending…' : `Send to ${plural(link.recipients.length, 'recipient')}`}
              </Button>
            ) : null}
            <Button
              dataHook="link-send-others"
              size="small"
              priority="secondary"
              disabled={!canPay}
              onClick={() => setPicking(!picking)}
            >
              Send to…
            </Button>
          </Box>
          {take.data ? (
            <Text size="small" dataHook="link-checkout">
              Checkout for the buyer at the desk:{' '}
              <a href={take.data.url} target="_blank" rel="noreferrer">
                open it
              </a>
            </Text>
          ) : null}
          {picking ? (
            <Box direction="vertical" gap="SP2">
              <RecipientPicker selected={recipients} onChange={setRecipients} />
              <Button
                dataHook="link-send-picked"
                size="small"
                disabled={recipients.length === 0 || send.isPending}
                onClick={() => send.mutate(recipients)}
              >
                {send.isPending ? 'Sending…' : `Send to ${plural(recipients.length, 'contact')}`}
              </Button>
            </Box>
          ) : null}
          {!canPay ? (
            <SectionHelper skin="standard" dataHook="link-not-active">
              {link.status === 'INACTIVE'
                ? 'This link is inactive: activate it to take payments again.'
                : link.status === 'PAID'
                  ? 'This link has all the payments it takes.'
                  : 'This link has expired.'}
            </SectionHelper>
          ) : null}
          <Divider />
          <Text weight="bold" size="small">
            Payments ({link.payments})
          </Text>
          <Payments link={link} />
          <Divider />
          <Box gap="SP2">
            {link.status === 'ACTIVE' || link.status === 'INACTIVE' ? (
              <Button
                dataHook="link-toggle"
                size="small"
                priority="secondary"
                disabled={toggle.isPending}
                onClick={() => toggle.mutate()}
              >
                {link.status === 'ACTIVE' ? 'Deactivate' : 'Activate'}
              </Button>
            ) : null}
            {link.payments === 0 ? (
              <Button
                dataHook="link-delete"
                size="small"
                priority="secondary"
                skin="destructive"
                disabled={remove.isPending}
                onClick={() => {
                  if (window.confirm(`Delete “${link.title}”? This cannot be undone.`)) remove.mutate();
                }}
              >
                Delete
              </Button>
            ) : null}
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
}
