import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Divider, Input, SectionHelper, Text, TextButton } from '@wix/design-system';
import { QRCodeSVG } from 'qrcode.react';
import React, { useState } from 'react';
import { COMMON_PHRASES, LoadError, Loading, LoadMore } from '../shared/components';
import { toast } from '../shared/feedback';
import { formatsIn } from '../shared/format';
import { useLocale, useWords } from '../shared/words';
import { formatMoney, type LinkRow, linkKeys, linksApi, STATUS_SKIN } from './api';
import { RecipientPicker } from './RecipientPicker';
import { PAYMENT_LINKS_PHRASES } from './words';

function Payments({ link }: { link: LinkRow }) {
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const format = formatsIn(useLocale());
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
        {words.noPayments}
      </Text>
    );
  }
  return (
    <Box direction="vertical" gap="SP2" dataHook="link-payments-list">
      {payments.map((p) => (
        <Box key={p.id} verticalAlign="middle" gap="SP2" dataHook={`link-payment-${p.id}`}>
          <Box direction="vertical" flexGrow={1}>
            <Text size="small" weight="bold">
              {p.payer || words.aBuyer}
            </Text>
            <Text size="tiny" secondary>
              {format.dateTime(p.createdDate)}
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
  const said = useWords(COMMON_PHRASES);
  const [picking, setPicking] = useState(false);
  const [recipients, setRecipients] = useState<string[]>([]);
  const refresh = () => client.invalidateQueries({ queryKey: linkKeys.all });
  const failed = (what: string) => (error: unknown) => toast(`${what}: ${said.messageOf(error)}`, 'error');

  const send = useMutation({
    mutationFn: (to: string[]) =>
      linksApi.sendPaymentLink({ paymentLinkId: link.id, ...(to.length > 0 ? { recipients: to } : {}) }),
    onSuccess: (answer) => {
      toast(linkWords.sentTo(answer.recipients), 'success');
      setPicking(false);
      setRecipients([]);
    },
    onError: failed(linkWords.notSent),
  });
  const take = useMutation({
    mutationFn: () => linksApi.takePayment({ paymentLinkId: link.id }),
    onSuccess: ({ url }) => {
      // A window opened after the answer may be blocked: the checkout's link stays on the panel too.
      const opened = window.open(url, '_blank');
      if (opened) opened.opener = null;
    },
    onError: failed(linkWords.checkoutFailed),
  });
  const toggle = useMutation({
    mutationFn: () =>
      link.status === 'ACTIVE'
        ? linksApi.deactivatePaymentLink({ paymentLinkId: link.id })
        : linksApi.activatePaymentLink({ paymentLinkId: link.id }),
    onSuccess: refresh,
    onError: failed(linkWords.notChanged),
  });
  const remove = useMutation({
    mutationFn: () => linksApi.deletePaymentLink({ paymentLinkId: link.id }),
    onSuccess: async () => {
      toast(linkWords.deleted, 'success');
      onClose();
      await refresh();
    },
    onError: failed(linkWords.notDeleted),
  });

  const copy = async () => {
    if (!link.url) return;
    try {
      await navigator.clipboard.writeText(link.url);
      toast(linkWords.copied, 'success');
    } catch {
      toast(linkWords.copyBlocked, 'warning');
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
              {linkWords.close}
            </TextButton>
          </Box>
        }
      />
      <Card.Content>
        <Box direction="vertical" gap="SP3">
          {link.url ? (
            <Box gap="SP2" verticalAlign="bottom">
              <Box flexGrow={1}>
                <Input dataHook="link-url" ariaLabel={linkWords.linkAddress} size="small" readOnly value={link.url} />
              </Box>
              <Button dataHook="link-copy" size="small" priority="secondary" onClick={copy}>
                {linkWords.copyLink}
              </Button>
            </Box>
          ) : null}
          {link.url && canPay ? (
            <Box direction="vertical" align="center" gap="SP1" dataHook="link-qr">
              <QRCodeSVG value={link.url} size={160} marginSize={2} title={linkWords.qrOf(link.title)} />
              <Text size="tiny" secondary>
                {linkWords.qrHint}
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
              {take.isPending ? linkWords.openingCheckout : linkWords.takePayment}
            </Button>
            {link.recipients.length > 0 ? (
              <Button
                dataHook="link-send"
                size="small"
                priority="secondary"
                disabled={!canPay || send.isPending}
                onClick={() => send.mutate([])}
              >
                {send.isPending ? linkWords.sending : linkWords.sendToRecipients(link.recipients.length)}
              </Button>
            ) : null}
            <Button
              dataHook="link-send-others"
              size="small"
              priority="secondary"
              disabled={!canPay}
              onClick={() => setPicking(!picking)}
            >
              {linkWords.sendToOthers}
            </Button>
          </Box>
          {take.data ? (
            <Text size="small" dataHook="link-checkout">
              {linkWords.checkoutAtDesk}{' '}
              <a href={take.data.url} target="_blank" rel="noreferrer">
                {linkWords.openIt}
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
                {send.isPending ? linkWords.sending : linkWords.sendToContacts(recipients.length)}
              </Button>
            </Box>
          ) : null}
          {!canPay ? (
            <SectionHelper skin="standard" dataHook="link-not-active">
              {link.status === 'INACTIVE'
                ? linkWords.inactive
                : link.status === 'PAID'
                  ? linkWords.allPaid
                  : linkWords.expired}
            </SectionHelper>
          ) : null}
          <Divider />
          <Text weight="bold" size="small">
            {linkWords.paymentsCount(link.payments)}
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
                {link.status === 'ACTIVE' ? linkWords.deactivate : linkWords.activate}
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
                  if (window.confirm(linkWords.confirmDelete(link.title))) remove.mutate();
                }}
              >
                {linkWords.deleteLink}
              </Button>
            ) : null}
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
}
