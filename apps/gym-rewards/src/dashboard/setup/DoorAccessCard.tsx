import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Box, Button, Card, Input, SectionHelper, Text } from '@wix/design-system';
import React, { useState } from 'react';
import { api } from '../shared/api';
import { ConfirmButtons, LoadError, Loading } from '../shared/components';
import { messageOf, toast } from '../shared/feedback';
import { keys } from '../shared/query';

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
async function copyText(text: string, copied: string, blocked: () => void) {
  try {
    await navigator.clipboard.writeText(text);
    toast(copied, 'success');
  } catch {
    blocked();
    toast('Copying is blocked here: select the text and copy it.', 'warning');
  }
}

/** The door secret door and kiosk systems sign their check-ins with: show, copy, rotate. */
export function DoorAccessCard() {
  const client = useQueryClient();
  const [shown, setShown] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const door = useQuery({ queryKey: keys.door, queryFn: () => api.doorAccess() });
  const rotate = useMutation({
    mutationFn: () => api.rotateDoorAccess(),
    onSuccess: (answer) => {
      client.setQueryData(keys.door, answer);
      setConfirming(false);
      toast('Door secret rotated. Give the new secret to your door systems.', 'success');
    },
    onError: (error) => toast(`The door secret was not rotated: ${messageOf(error)}`, 'error'),
  });

  const copy = () => door.data && copyText(door.data.secret, 'Door secret copied.', () => setShown(true));
  const example = door.data ? doorExample(door.data.now) : null;

  return (
    <Card dataHook="door-access">
      <Card.Header
        title="Door access"
        subtitle="Door and kiosk systems check members in by calling the app, signed with this secret."
      />
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
                Door secret: keep it private, anyone with it can check members in.
              </Text>
              <div style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) auto auto auto', gap: 8 }}>
                <Input
                  dataHook="door-secret"
                  readOnly
                  type={shown ? 'text' : 'password'}
                  value={door.data.secret}
                  ariaLabel="Door secret"
                />
                <Button dataHook="door-secret-show" priority="secondary" onClick={() => setShown(!shown)}>
                  {shown ? 'Hide' : 'Show'}
                </Button>
                <Button dataHook="door-secret-copy" priority="secondary" onClick={copy}>
                  Copy
                </Button>
                <Button
                  dataHook="door-rotate"
                  skin="destructive"
                  priority="secondary"
                  disabled={rotate.isPending || confirming}
                  onClick={() => setConfirming(true)}
                >
                  Rotate
                </Button>
              </div>
            </Box>
          )}
          {confirming ? (
            <SectionHelper dataHook="door-rotate-confirmation" skin="warning" title="Rotate the door secret?">
              <Box direction="vertical" gap="SP2">
                <Text size="small">
                  Requests signed with the current secret are refused from then on, until each door system has the new
                  one.
                </Text>
                <Box gap="SP2">
                  <ConfirmButtons
                    confirm={{
                      text: rotate.isPending ? 'Rotating…' : 'Rotate secret',
                      dataHook: 'door-rotate-confirm',
                    }}
                    cancel={{ text: 'Cancel', dataHook: 'door-rotate-cancel' }}
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
              Each check-in is a <b>POST /visits</b> request to the app with a JSON body. The door system signs it: the
              header <b>x-gym-rewards-timestamp</b> holds the time in milliseconds since 1970, and{' '}
              <b>x-gym-rewards-signature</b> the hex HMAC-SHA256 of <b>&lt;timestamp&gt;.&lt;body&gt;</b> under the door
              secret. Requests more than 5 minutes off, signed with another secret or sent twice are refused; a visitId
              counts once.
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
                    onClick={() => copyText(example, 'Example request copied.', () => {})}
                  >
                    Copy example
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
