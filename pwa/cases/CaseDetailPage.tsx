// One case: who, how much, where to go, whom to call and what happened before. Reading it is audited.
import type { ComponentChildren } from 'preact';
import type { CaseDetail } from '../../shared/schemas/cases.js';
import { useI18n } from '../app/i18n/i18n.js';
import { usePageTitle } from '../app/usePageTitle.js';
import { followLink } from '../app/router.js';
import { useRequest } from '../app/useRequest.js';
import { Badge, cx, ErrorNotice, Loading, Notice } from '../app/ui/ui.js';
import { BucketBadge, PriorityBadge, StatusBadge } from './badges.js';
import { fetchCase } from './cases.api.js';
import { caseListHref } from './list-memory.js';
import styles from './CaseDetailPage.module.css';

export function CaseDetailPage({ id, mobile }: { id: string; mobile: boolean }) {
  const { t } = useI18n();
  usePageTitle(t.caseDetail.caseInfo);
  const detail = useRequest((signal) => fetchCase(id, signal), [id]);
  return (
    <div class={cx(styles.page, mobile ? styles.mobile : styles.desktop)}>
      <a class={styles.back} href={caseListHref()} onClick={followLink}>
        <span aria-hidden="true">‹</span> {t.caseDetail.backToList}
      </a>
      {detail.status === 'loading' && !detail.data && <Loading label={t.caseDetail.loading} />}
      {detail.status === 'error' && <ErrorNotice error={detail.error} onRetry={detail.reload} />}
      {detail.data && <CaseView item={detail.data} />}
    </div>
  );
}

/**
 * The case itself. The collector's offline view adds its own parts: actions under each address
 * (navigate, check in) and what was recorded on the device.
 */
export function CaseView({
  item,
  addressActions,
  children,
}: {
  item: CaseDetail;
  addressActions?: (address: CaseDetail['addresses'][number]) => ComponentChildren;
  children?: ComponentChildren;
}) {
  const { t, money, dateTime } = useI18n();
  return (
    <>
      <section class={styles.hero} aria-labelledby="case-title">
        <div class={styles.heroTop}>
          <div>
            <h1 id="case-title" class={styles.name}>
              {item.debtorName}
            </h1>
            <p class={styles.identity}>
              <span>{t.caseDetail.idNumber}</span>
              <span class={styles.idNumber} data-testid="id-number">
                {item.debtorIdNumberMasked}
              </span>
              <span class={styles.masked}>{t.caseDetail.idNumberMasked}</span>
            </p>
          </div>
          <div class={styles.total}>
            <span class={styles.totalLabel}>{t.cases.outstanding}</span>
            <span class={`${styles.totalValue} num`}>{money(item.amounts.totalOutstanding)}</span>
          </div>
        </div>
        <div class={styles.badges}>
          <span class={`${styles.dpd} num`}>{t.cases.days(item.daysPastDue)}</span>
          <BucketBadge bucket={item.bucket} />
          <PriorityBadge priority={item.priority} />
          <StatusBadge status={item.status} />
          <Badge tone="neutral">{t.reason[item.escalationReason]}</Badge>
        </div>
      </section>

      <Notice kind="info" title={t.caseDetail.thirdPartyReminder} live="off" />
      {item.revisit && <Notice kind="warn" title={t.cases.revisitReason(item.revisit.reason)} live="off" />}

      <div class={styles.grid}>
        <section class={styles.section} aria-labelledby="addresses-title">
          <h2 id="addresses-title" class={styles.sectionTitle}>
            {t.caseDetail.addresses}
          </h2>
          <ul class={styles.items}>
            {item.addresses.map((address) => (
              <li key={address.id} class={styles.item}>
                <span class={styles.kind}>
                  <Badge tone={address.kind === 'home' ? 'blue' : 'neutral'}>{t.addressKind[address.kind]}</Badge>
                </span>
                <span class={styles.itemMain}>{address.address}</span>
                {addressActions && <div class={styles.addressActions}>{addressActions(address)}</div>}
              </li>
            ))}
          </ul>
        </section>

        <section class={styles.section} aria-labelledby="amounts-title">
          <h2 id="amounts-title" class={styles.sectionTitle}>
            {t.caseDetail.amounts}
          </h2>
          <dl class={styles.facts}>
            <dt>{t.caseDetail.principal}</dt>
            <dd class="num">{money(item.amounts.principal)}</dd>
            <dt>{t.caseDetail.interest}</dt>
            <dd class="num">{money(item.amounts.interest)}</dd>
            <dt>{t.caseDetail.fees}</dt>
            <dd class="num">{money(item.amounts.fees)}</dd>
            <dt class={styles.factsTotal}>{t.caseDetail.total}</dt>
            <dd class={`${styles.factsTotal} num`}>{money(item.amounts.totalOutstanding)}</dd>
          </dl>
        </section>

        <section class={styles.section} aria-labelledby="contacts-title">
          <h2 id="contacts-title" class={styles.sectionTitle}>
            {t.caseDetail.contacts}
          </h2>
          <ul class={styles.items}>
            {item.debtorPhone && <ContactRow name={item.debtorName} sub={t.caseDetail.phone} phone={item.debtorPhone} />}
            {item.contacts.map((contact) => (
              <ContactRow key={contact.id} name={contact.name} sub={contact.relation} phone={contact.phone} />
            ))}
          </ul>
          {!item.debtorPhone && item.contacts.length === 0 && <p class={styles.emptyText}>{t.caseDetail.noContacts}</p>}
        </section>

        <section class={styles.section} aria-labelledby="facts-title">
          <h2 id="facts-title" class={styles.sectionTitle}>
            {t.caseDetail.caseInfo}
          </h2>
          <dl class={styles.facts}>
            <dt>{t.caseDetail.externalId}</dt>
            <dd class="num">{item.externalId}</dd>
            <dt>{t.caseDetail.creditor}</dt>
            <dd>{item.creditor}</dd>
            <dt>{t.caseDetail.product}</dt>
            <dd>{t.product[item.product]}</dd>
            <dt>{t.caseDetail.reason}</dt>
            <dd>{t.reason[item.escalationReason]}</dd>
            <dt>{t.caseDetail.receivedAt}</dt>
            <dd class="num">{dateTime(item.receivedAt, item.timeZone)}</dd>
          </dl>
        </section>

        <section class={cx(styles.section, styles.wide)} aria-labelledby="notes-title">
          <h2 id="notes-title" class={styles.sectionTitle}>
            {t.caseDetail.notes}
          </h2>
          {item.notes.length === 0 ? (
            <p class={styles.emptyText}>{t.caseDetail.noNotes}</p>
          ) : (
            <ol class={styles.notes}>
              {item.notes.map((note) => (
                <li key={note.id} class={styles.note}>
                  <div class={styles.noteHead}>
                    <time class="num" dateTime={note.writtenAt}>
                      {dateTime(note.writtenAt, item.timeZone)}
                    </time>
                    <span>{t.caseDetail.noteBy(note.author, t.noteChannel[note.channel] ?? note.channel)}</span>
                  </div>
                  <p class={styles.noteBody}>{note.body}</p>
                </li>
              ))}
            </ol>
          )}
        </section>
      </div>
      {children}
    </>
  );
}

function ContactRow({ name, sub, phone }: { name: string; sub: string; phone: string | null }) {
  const { t } = useI18n();
  return (
    <li class={styles.item}>
      <span class={styles.itemMain}>
        <span>{name}</span>
        <span class={styles.itemSub}>
          {sub}
          {phone ? ` · ${phone}` : ''}
        </span>
      </span>
      {phone && (
        <a class={styles.call} href={`tel:${phone.replace(/[^\d+]/g, '')}`} aria-label={t.caseDetail.call(name)}>
          {t.caseDetail.phone}
        </a>
      )}
    </li>
  );
}
