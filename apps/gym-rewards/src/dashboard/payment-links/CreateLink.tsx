import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Box,
  CustomModalLayout,
  FormField,
  Input,
  InputArea,
  Modal,
  NumberInput,
  RadioGroup,
  SectionHelper,
  Text,
} from '@wix/design-system';
import React, { useState } from 'react';
import { COMMON_PHRASES, LoadError, Loading } from '../shared/components';
import { errorAt, fieldErrorOf, isRefusal, toast } from '../shared/feedback';
import { status, TextField } from '../shared/fields';
import { formatsIn } from '../shared/format';
import { useRequestIds } from '../shared/hooks';
import { useLocale, useWords } from '../shared/words';
import { formatMoney, type LinkRow, linkKeys, linksApi } from './api';
import { type CustomLine, ItemsEditor, type ProductLine } from './ItemsEditor';
import { RecipientPicker } from './RecipientPicker';
import { PAYMENT_LINKS_PHRASES } from './words';

function OrderChoice({ orderId, onPick }: { orderId: string; onPick: (id: string) => void }) {
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const format = formatsIn(useLocale());
  const orders = useQuery({ queryKey: linkKeys.orders, queryFn: () => linksApi.unpaidOrders({}) });
  if (orders.isPending) return <Loading dataHook="orders-loading" />;
  if (orders.isError)
    return <LoadError dataHook="orders-error" error={orders.error} onRetry={() => orders.refetch()} />;
  const list = orders.data.orders;
  if (list.length === 0) {
    return (
      <Text size="small" secondary dataHook="orders-empty">
        {words.noOrders}
      </Text>
    );
  }
  return (
    <RadioGroup dataHook="order-choice" value={orderId} onChange={(value) => onPick(String(value))}>
      {list.map((o) => (
        <RadioGroup.Radio key={o.orderId} value={o.orderId}>
          {words.orderDue(String(o.number), formatMoney(o.due, o.currency), format.date(o.createdDate))}
        </RadioGroup.Radio>
      ))}
    </RadioGroup>
  );
}

/** Creates a payment link: store products and custom items, or an unpaid order; recipients from the contacts. */
export function CreateLink({ onClose, onCreated }: { onClose: () => void; onCreated: (link: LinkRow) => void }) {
  const client = useQueryClient();
  const words = useWords(PAYMENT_LINKS_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const requests = useRequestIds();
  const [type, setType] = useState<'ECOM' | 'ECOM_ORDER'>('ECOM');
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [products, setProducts] = useState<ProductLine[]>([]);
  const [custom, setCustom] = useState<CustomLine[]>([]);
  const [orderId, setOrderId] = useState('');
  const [amount, setAmount] = useState('');
  const [limit, setLimit] = useState<number | null>(null);
  const [recipients, setRecipients] = useState<string[]>([]);
  const choices = useQuery({ queryKey: linkKeys.choices, queryFn: () => linksApi.paymentLinkChoices() });

  const create = useMutation({
    mutationFn: () => {
      const common = {
        requestId: requests.idFor('create'),
        title,
        ...(description.trim() ? { description } : {}),
        recipients,
      };
      return linksApi.createPaymentLink(
        type === 'ECOM'
          ? {
              ...common,
              type,
              products: products.map((p) => ({
                productId: p.productId,
                quantity: p.quantity,
                ...(p.variantId ? { variantId: p.variantId } : {}),
              })),
              customItems: custom,
              ...(limit ? { paymentsLimit: limit } : {}),
            }
          : { ...common, type, orderId, ...(amount.trim() ? { amount } : {}) },
      );
    },
    onSuccess: async ({ link }) => {
      requests.settle('create');
      toast(words.created(link.title), 'success');
      await client.invalidateQueries({ queryKey: linkKeys.all });
      onCreated(link);
    },
    onError: (error) => {
      // A refusal is a definite answer: the next try is a new request. Not "an earlier try has not finished": the next
      // try resumes that one (it finds the link it made, or makes it once), so it keeps the request id.
      const unfinished = isRefusal(error) && error.reason === 'IN_PROGRESS';
      if (fieldErrorOf(error) || (isRefusal(error) && !unfinished)) requests.settle('create');
    },
  });
  const error = said.fieldError(fieldErrorOf(create.error));
  const problem = create.isError && !error ? said.reasonOf(create.error) : null;

  return (
    <Modal isOpen onRequestClose={onClose} shouldCloseOnOverlayClick={false}>
      <CustomModalLayout
        dataHook="create-link"
        width="720px"
        maxHeight="90vh"
        title={words.create}
        subtitle={choices.data ? words.chargedIn(choices.data.currency) : undefined}
        primaryButtonText={create.isPending ? words.creating : words.createLink}
        primaryButtonProps={{ disabled: create.isPending, dataHook: 'create-link-submit' }}
        primaryButtonOnClick={() => create.mutate()}
        secondaryButtonText={words.cancel}
        secondaryButtonOnClick={onClose}
        closeButtonProps={{ onClick: onClose }}
        overflowY="auto"
      >
        <Box direction="vertical" gap="SP4">
          {problem ? (
            <SectionHelper skin="danger" dataHook="create-link-problem">
              {problem}
            </SectionHelper>
          ) : null}
          <TextField
            label={words.linkTitle}
            required
            dataHook="create-link-title"
            placeholder={words.titlePlaceholder}
            value={title}
            onChange={setTitle}
            error={errorAt(error, 'title')}
          />
          <FormField label={words.description}>
            <InputArea
              dataHook="create-link-description"
              rows={2}
              value={description}
              onChange={(e) => setDescription(e.target.value)}
            />
          </FormField>
          <FormField label={words.chargesFor}>
            <RadioGroup
              dataHook="create-link-type"
              display="horizontal"
              value={type}
              onChange={(value) => setType(value as 'ECOM' | 'ECOM_ORDER')}
            >
              <RadioGroup.Radio value="ECOM">{words.productsAndItems}</RadioGroup.Radio>
              <RadioGroup.Radio value="ECOM_ORDER">{words.unpaidOrder}</RadioGroup.Radio>
            </RadioGroup>
          </FormField>
          {type === 'ECOM' ? (
            <>
              <ItemsEditor
                products={products}
                custom={custom}
                onProducts={setProducts}
                onCustom={setCustom}
                error={error}
              />
              <FormField label={words.paymentsLimit} {...status(errorAt(error, 'paymentsLimit'))}>
                <NumberInput
                  dataHook="create-link-limit"
                  min={1}
                  value={limit ?? undefined}
                  onChange={(value) => setLimit(value === null ? null : Number(value))}
                />
              </FormField>
            </>
          ) : (
            <>
              <FormField label={words.orderLabel} {...status(errorAt(error, 'orderId'))}>
                <OrderChoice orderId={orderId} onPick={setOrderId} />
              </FormField>
              <FormField label={words.amountLabel} {...status(errorAt(error, 'amount'))}>
                <Input dataHook="create-link-amount" value={amount} onChange={(e) => setAmount(e.target.value)} />
              </FormField>
            </>
          )}
          <FormField label={words.recipients} {...status(errorAt(error, 'recipients'))}>
            <RecipientPicker selected={recipients} onChange={setRecipients} />
          </FormField>
        </Box>
      </CustomModalLayout>
    </Modal>
  );
}
