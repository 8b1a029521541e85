import { Alert, Descriptions, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A password to hand over, shown once: a new account's initial one or a reset's one-time one. */
export type HandOver = { username: string; password: string; reset: boolean };

/** The state of a hand-over dialog: `show` opens it with a password; closed, the password is
 * dropped from the page (shown once). Spread `dialog` into `PasswordHandOverModal`. */
export function usePasswordHandOver() {
  const [handOver, setHandOver] = useState<HandOver | null>(null);
  const [open, setOpen] = useState(false);
  return {
    show: (row: HandOver) => {
      setHandOver(row);
      setOpen(true);
    },
    dialog: { handOver, open, onClose: () => setOpen(false), afterClose: () => setHandOver(null) },
  };
}

/** The username and password to hand over, with a copy button, and who to hand them to
 * (`notice`; by default the teacher). Used by the teacher page's account card and the
 * province's accounts page. */
export function PasswordHandOverModal({
  handOver,
  open,
  onClose,
  afterClose,
  notice,
}: ReturnType<typeof usePasswordHandOver>['dialog'] & { notice?: string }) {
  const { t } = useTranslation();
  const reset = handOver?.reset;
  return (
    <Modal
      open={open}
      destroyOnHidden
      afterClose={afterClose} // shown once: gone from the page once closed
      onCancel={onClose}
      onOk={onClose}
      okText={t('recognition.account.done')}
      cancelButtonProps={{ style: { display: 'none' } }}
      title={t(reset ? 'recognition.account.resetDone' : 'recognition.account.created')}
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={notice ?? t(reset ? 'recognition.account.resetHandOver' : 'recognition.account.handOver')}
      />
      <Descriptions column={1} bordered size="small">
        <Descriptions.Item label={t('recognition.account.username')}>
          <span data-testid="new-username">{handOver?.username}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t(reset ? 'recognition.account.oneTimePassword' : 'recognition.account.password')}>
          <Typography.Text code copyable data-testid={reset ? 'reset-password' : 'new-password'}>
            {handOver?.password}
          </Typography.Text>
        </Descriptions.Item>
      </Descriptions>
    </Modal>
  );
}
