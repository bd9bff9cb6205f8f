import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Card, Input, SectionHelper, Text } from '@wix/design-system';
import React, { useState } from 'react';
import { api } from '../shared/api';
import { COMMON_PHRASES, ConfirmButtons, LoadError, Loading } from '../shared/components';
import { toast } from '../shared/feedback';
import { keys } from '../shared/query';
import { useWords } from '../shared/words';
import { SETUP_PHRASES } from './words';

const CODE_STYLE: React.CSSProperties = {
  margin: 0,
  padding: 12,
  background: '#f4f6f9',
  borderRadius: 6,
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12,
  lineHeight: 1.6,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
};

/** An example check-in, dated `now` (the platform's time as the backend tells it, so a door vendor can try it today). */
export function doorExample(now: string): string {
  const at = new Date(now);
  const stamp = at.getTime();
  const visitId = `door-3-${at.toISOString().replace(/\.\d{3}Z$/, 'Z')}`;
  return `POST /visits
x-gym-rewards-timestamp: ${stamp}
x-gym-rewards-signature: <hex HMAC-SHA256 of "${stamp}.<body>" under the door secret>
content-type: application/json

{"memberId":"<member id>","visitId":"${visitId}"}`;
}

/** Copies `text`; where the browser blocks it, says so (`blocked` shows the text to select instead). */
async function copyText(text: string, copied: string, blocked: () => void, blockedText: string) {
  try {
    await navigator.clipboard.writeText(text);
    toast(copied, 'success');
  } catch {
    blocked();
    toast(blockedText, 'warning');
  }
}

/** The door secret door and kiosk systems sign their check-ins with: show, copy, rotate. */
export function DoorAccessCard() {
  const client = useQueryClient();
  const words = useWords(SETUP_PHRASES);
  const said = useWords(COMMON_PHRASES);
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const door = useQuery({ queryKey: keys.door, queryFn: () => api.doorAccess() });
  const rotate = useMutation({
    mutationFn: () => api.rotateDoorAccess(),
    onSuccess: (answer) => {
      client.setQueryData(keys.door, answer);
      setConfirming(false);
      toast(words.rotated, 'success');
    },
    onError: (error) => toast(words.notRotated(said.messageOf(error)), 'error'),
  });

  const copy = () =>
    door.data && copyText(door.data.secret, words.secretCopied, () => setShown(true), words.copyBlocked);
  const example = door.data ? doorExample(door.data.now) : null;

  return (
    <Card dataHook="door-access">
      <Card.Header title={words.doorTitle} subtitle={words.doorText} />
      <Card.Divider />
      <Card.Content>
        <Box direction="vertical" gap="SP4">
          {door.isPending ? (
            <Loading dataHook="door-loading" />
          ) : door.isError ? (
            <LoadError dataHook="door-error" error={door.error} onRetry={() => door.refetch()} />
          ) : (
            <Box direction="vertical" gap="SP1">
              <Text size="small" secondary>
                {words.secretNote}
              </Text>
              {/* A form around the hidden secret, as browsers expect of a password field; it is never submitted. */}
              <form
                aria-label={words.secret}
                onSubmit={(event) => event.preventDefault()}
                style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto auto auto', gap: 8 }}
              >
                <Input
                  dataHook="door-secret"
                  readOnly
                  type={shown ? 'text' : 'password'}
                  autocomplete="off"
                  value={door.data.secret}
                  ariaLabel={words.secret}
                />
                <Button dataHook="door-secret-show" priority="secondary" onClick={() => setShown(!shown)}>
                  {shown ? words.hide : words.show}
                </Button>
                <Button dataHook="door-secret-copy" priority="secondary" onClick={copy}>
                  {words.copy}
                </Button>
                <Button
                  dataHook="door-rotate"
                  skin="destructive"
                  priority="secondary"
                  disabled={rotate.isPending || confirming}
                  onClick={() => setConfirming(true)}
                >
                  {words.rotate}
                </Button>
              </form>
            </Box>
          )}
          {confirming ? (
            <SectionHelper dataHook="door-rotate-confirmation" skin="warning" title={words.rotateTitle}>
              <Box direction="vertical" gap="SP2">
                <Text size="small">{words.rotateText}</Text>
                <Box gap="SP2">
                  <ConfirmButtons
                    confirm={{
                      text: rotate.isPending ? words.rotating : words.rotateSecret,
                      dataHook: 'door-rotate-confirm',
                    }}
                    cancel={{ text: words.cancel, dataHook: 'door-rotate-cancel' }}
                    busy={rotate.isPending}
                    size="small"
                    onConfirm={() => rotate.mutate()}
                    onCancel={() => setConfirming(false)}
                  />
                </Box>
              </Box>
            </SectionHelper>
          ) : null}
          <Box direction="vertical" gap="SP2">
            <Text size="small">
              {words.doorHow((code) => (
                <b>{code}</b>
              ))}
            </Text>
            {example ? (
              <>
                <pre data-hook="door-example" style={CODE_STYLE}>
                  {example}
                </pre>
                <Box>
                  <Button
                    dataHook="door-example-copy"
                    size="small"
                    priority="secondary"
                    onClick={() => copyText(example, words.exampleCopied, () => {}, words.copyBlocked)}
                  >
                    {words.copyExample}
                  </Button>
                </Box>
              </>
            ) : null}
          </Box>
        </Box>
      </Card.Content>
    </Card>
  );
}
