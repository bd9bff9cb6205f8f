import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Box, Button, Card, Heading, Loader, Page, SectionHelper, Stepper, Text } from '@wix/design-system';
import React, { useCallback, useEffect, useMemo, useState } from 'react';
import type { WordsOf } from '../../shared/words';
import { EarnOnPaymentCard } from '../payment-links/EarnOnPaymentCard';
import { api, type ProgramAnswer, type SaveAnswer, type StoreProduct } from '../shared/api';
import { COMMON_PHRASES, LoadError, Loading, PAGE_FITS_PHONE } from '../shared/components';
import { type FieldError, fieldErrorOf, toast } from '../shared/feedback';
import { keys } from '../shared/query';
import { dashboardLocale, LocaleContext, useWords } from '../shared/words';
import { DoorAccessCard } from './DoorAccessCard';
import { EnrollCard } from './EnrollCard';
import { OutsideBanner } from './enrollment';
import { choicesOf, emptyForm, formOf, isDirty, itemChanges, type ProgramForm, STEPS, stepOfField } from './form';
import { BasicsStep } from './steps/BasicsStep';
import { ReviewStep } from './steps/ReviewStep';
import { TiersStep } from './steps/TiersStep';
import { TokensStep } from './steps/TokensStep';
import { problemsByStep, stepTowards } from './validation';
import { SETUP_PHRASES } from './words';

type SetupWords = WordsOf<typeof SETUP_PHRASES>;

/** What saving is doing, in words, from the products chosen and the program as saved. */
function savingText(changes: { toCreate: number; toRemove: number }, words: SetupWords): string {
  if (changes.toCreate > 0) return words.adding(changes.toCreate);
  if (changes.toRemove > 0) return words.removing(changes.toRemove);
  return words.savingProgram;
}

/** Products the chosen tiers name but the picker has not shown yet: found by paging the catalog (a few pages). */
const SCAN_PAGES = 10;
async function scanCatalog(): Promise<StoreProduct[]> {
  const found: StoreProduct[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < SCAN_PAGES; page++) {
    const answer = await api.storeProducts({ cursor });
    found.push(...answer.products);
    cursor = answer.cursor;
    if (!cursor) break;
  }
  return found;
}

function SavingCard({ text }: { text: string }) {
  const words = useWords(SETUP_PHRASES);
  return (
    <Card dataHook="setup-saving">
      <Card.Content>
        <Box direction="vertical" align="center" gap="SP3" padding="SP6">
          <Loader size="medium" />
          <Text dataHook="setup-saving-text">{text}</Text>
          <Text size="small" secondary>
            {words.keepOpen}
          </Text>
        </Box>
      </Card.Content>
    </Card>
  );
}

function ResultCard({ result, onDismiss }: { result: SaveAnswer; onDismiss: () => void }) {
  const words = useWords(SETUP_PHRASES);
  return (
    <SectionHelper
      dataHook="setup-result"
      skin={result.changed ? 'success' : 'standard'}
      title={result.changed ? words.savedTitle : words.unchangedTitle}
      showCloseButton
      onClose={onDismiss}
    >
      <Box direction="vertical" gap="SP1">
        <Text size="small">
          <span data-hook="setup-result-created">{result.itemsCreated}</span> {words.rewardWord(result.itemsCreated)}{' '}
          {words.added} <span data-hook="setup-result-removed">{result.itemsRemoved}</span>{' '}
          {words.rewardWord(result.itemsRemoved)} {words.removed}
        </Text>
        <Text size="small" secondary dataHook="setup-result-changed">
          {result.changed ? words.changedNote : words.noChanges}
        </Text>
      </Box>
    </SectionHelper>
  );
}

const emptyChoices = choicesOf(emptyForm());

/** While `unsaved`, leaving the page (closing it, reloading, following a link) asks the owner first. */
function useLeaveWarning(unsaved: boolean) {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      // Older browsers show the dialog only when a value is set.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}

/** The rewards setup page in `locale` (the dashboard's by default). */
export function ProgramSetup({ locale = dashboardLocale() }: { locale?: string }) {
  return (
    <LocaleContext.Provider value={locale}>
      <SetupPage />
    </LocaleContext.Provider>
  );
}

/** The rewards setup page: loads the program (none before the first setup), edits it step by step, saves it. */
function SetupPage() {
  const words = useWords(SETUP_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const client = useQueryClient();
  const program = useQuery({ queryKey: keys.program, queryFn: () => api.currentProgram() });
  const saved: ProgramAnswer | undefined = program.data;
  // The form starts from the program as saved: at once when it is known, else once it is loaded.
  const [form, setForm] = useState<ProgramForm | null>(() =>
    saved === undefined ? null : saved ? formOf(saved) : emptyForm(),
  );
  const [step, setStep] = useState(0);
  const [activeTier, setActiveTier] = useState(0);
  const [fieldError, setFieldError] = useState<FieldError | null>(null);
  const shownError = said.fieldError(fieldError);
  const [formError, setFormError] = useState<string | null>(null);
  const [result, setResult] = useState<SaveAnswer | null>(null);
  const [catalog, setCatalog] = useState<Record<string, StoreProduct>>({});

  useEffect(() => {
    if (form === null && saved !== undefined) setForm(saved ? formOf(saved) : emptyForm());
  }, [form, saved]);

  const addToCatalog = useCallback((products: StoreProduct[]) => {
    setCatalog((known) => {
      const missing = products.filter((p) => known[p.productId] !== p);
      if (missing.length === 0) return known;
      const next = { ...known };
      for (const product of missing) next[product.productId] = product;
      return next;
    });
  }, []);
  const unnamed = (form?.tiers ?? []).some((tier) => tier.productIds.some((id) => !catalog[id]));
  const scan = useQuery({ queryKey: keys.productScan, queryFn: scanCatalog, enabled: unnamed, staleTime: Infinity });
  useEffect(() => {
    if (scan.data) addToCatalog(scan.data);
  }, [scan.data, addToCatalog]);

  const changes = useMemo(
    () => (form ? itemChanges(saved ?? null, form) : { toCreate: 0, toRemove: 0 }),
    [form, saved],
  );

  const save = useMutation({
    mutationFn: (current: ProgramForm) => api.setUpProgram(choicesOf(current)),
    onMutate: () => {
      setFieldError(null);
      setFormError(null);
      setResult(null);
    },
    onSuccess: async (answer) => {
      setResult(answer);
      toast(answer.changed ? words.toastSaved : words.toastUnchanged, 'success');
      await client.invalidateQueries({ queryKey: keys.program });
    },
    onError: (error) => {
      const field = fieldErrorOf(error);
      if (field) {
        setFieldError(field);
        setStep(stepOfField(field.field));
        const tier = /^tiers\.(\d+)\./.exec(field.field);
        if (tier) setActiveTier(Number(tier[1]));
        toast(words.checkField, 'error');
      } else {
        setFormError(said.reasonOf(error));
        toast(`${words.notSaved}.`, 'error');
      }
    },
  });

  const update = (patch: Partial<ProgramForm>, ...paths: string[]) => {
    setForm((current) => (current ? { ...current, ...patch } : current));
    // Changing a field takes its refusal away; changing the list of tiers takes away any refusal about tiers.
    const clears = (path: string, field: string) =>
      field === path || field.startsWith(`${path}.`) || (path === 'tiers' && field.startsWith('tiers.'));
    if (fieldError && paths.some((path) => clears(path, fieldError.field))) setFieldError(null);
  };

  const isNew = saved === null;
  const dirty = form ? isDirty(saved ?? null, form) : false;
  const errorStep = fieldError ? stepOfField(fieldError.field) : -1;
  const problems = useMemo(() => (form ? problemsByStep(form) : []), [form]);
  // A first setup left as it started loses nothing.
  useLeaveWarning(!!form && !save.isPending && (isNew ? isDirty(emptyChoices, form) : dirty));

  /** Goes to step `to`, unless a step on the way has a refused field: then to that field, with its reason. */
  const goTo = (to: number, from = step) => {
    if (!form) return false;
    const next = stepTowards(form, from, to);
    setStep(next.step);
    if (!next.problem) return true;
    setFieldError(next.problem);
    const tier = /^tiers\.(\d+)\./.exec(next.problem.field);
    if (tier) setActiveTier(Number(tier[1]));
    toast(words.checkField, 'error');
    return false;
  };
  // Save checks every step first, as Next does.
  const saveForm = () => {
    if (!form) return;
    if (stepTowards(form, 0, STEPS.length - 1).problem) goTo(STEPS.length - 1, 0);
    else save.mutate(form);
  };

  const header = (
    <Page.Header
      title={words.title}
      subtitle={isNew ? words.subtitleNew : words.subtitleEdit}
      actionsBar={
        form ? (
          <Box gap="SP2" verticalAlign="middle">
            {isNew ? (
              <Badge dataHook="setup-status" skin="neutralStandard" size="small">
                {words.notSetUp}
              </Badge>
            ) : dirty ? (
              <Badge dataHook="setup-status" skin="warningLight" size="small">
                {words.unsaved}
              </Badge>
            ) : (
              // Light green with dark text: white on the success badge's green is under 4.5:1 (axe-core's color-contrast).
              <Badge dataHook="setup-status" skin="neutralSuccess" size="small">
                {words.saved}
              </Badge>
            )}
            <Button dataHook="setup-save" disabled={save.isPending} onClick={saveForm}>
              {save.isPending ? words.saving : isNew ? words.saveProgram : words.saveChanges}
            </Button>
          </Box>
        ) : null
      }
    />
  );

  let body: React.ReactNode;
  if (program.isPending) {
    body = <Loading dataHook="setup-loading" text={words.loadingProgram} />;
  } else if (program.isError) {
    body = <LoadError dataHook="setup-load-error" error={program.error} onRetry={() => program.refetch()} />;
  } else if (!form) {
    body = <Loading dataHook="setup-loading" />;
  } else if (save.isPending) {
    body = <SavingCard text={savingText(changes, words)} />;
  } else {
    // The schema's reason, in the page's words, next to the field.
    const stepProps = { form, error: shownError, update };
    body = (
      <Card dataHook="setup-wizard">
        <Card.Content>
          <Stepper
            dataHook="setup-stepper"
            activeStep={step}
            fit="stretched"
            onClick={(index) => goTo(index)}
            steps={STEPS.map((name, index) => ({
              text: words.stepTitle(name),
              type: index === errorStep ? 'error' : index < step && !problems[index] ? 'completed' : 'normal',
            }))}
          />
        </Card.Content>
        <Card.Divider />
        <Card.Header
          title={words.stepTitle(STEPS[step] ?? 'review')}
          subtitle={words.stepText(STEPS[step] ?? 'review')}
          dataHook={`setup-step-${step}`}
        />
        <Card.Content>
          {step === 0 ? <BasicsStep {...stepProps} /> : null}
          {step === 1 ? <TokensStep {...stepProps} /> : null}
          {step === 2 ? (
            <TiersStep
              {...stepProps}
              activeTier={activeTier}
              setActiveTier={setActiveTier}
              catalog={catalog}
              addToCatalog={addToCatalog}
            />
          ) : null}
          {step === 3 ? <ReviewStep form={form} changes={changes} catalog={catalog} isNew={isNew} /> : null}
        </Card.Content>
        <Card.Divider />
        <Card.Content>
          <Box align="space-between" verticalAlign="middle">
            <Button
              dataHook="setup-back"
              priority="secondary"
              disabled={step === 0}
              onClick={() => setStep(Math.max(0, step - 1))}
            >
              {words.back}
            </Button>
            <Text size="small" secondary>
              {words.stepOf(step + 1, STEPS.length)}
            </Text>
            {step < STEPS.length - 1 ? (
              <Button dataHook="setup-next" onClick={() => goTo(step + 1)}>
                {words.next}
              </Button>
            ) : (
              <Button dataHook="setup-save-review" disabled={save.isPending} onClick={saveForm}>
                {isNew ? words.saveProgram : words.saveChanges}
              </Button>
            )}
          </Box>
        </Card.Content>
      </Card>
    );
  }

  return (
    <Page {...PAGE_FITS_PHONE} dataHook="setup-page">
      {header}
      <Page.Content>
        <Box direction="vertical" gap="SP6" paddingBottom="SP10">
          {formError ? (
            <SectionHelper
              dataHook="setup-error"
              skin="danger"
              title={words.notSaved}
              showCloseButton
              onClose={() => setFormError(null)}
            >
              {formError}
            </SectionHelper>
          ) : null}
          {result && !save.isPending ? <ResultCard result={result} onDismiss={() => setResult(null)} /> : null}
          {saved ? <OutsideBanner /> : null}
          {body}
          {saved ? <EnrollCard /> : null}
          {saved ? <EarnOnPaymentCard /> : null}
          <Box direction="vertical" gap="SP3" dataHook="integrations">
            <Box direction="vertical" gap="SP1">
              <Heading size="medium" as="h2">
                {words.integrations}
              </Heading>
              <Text size="small" secondary>
                {words.integrationsText}
              </Text>
            </Box>
            <DoorAccessCard />
          </Box>
        </Box>
      </Page.Content>
    </Page>
  );
}
