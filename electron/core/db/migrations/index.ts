/**
 * The ordered registry of schema migrations. Each runs in one transaction
 * after an encrypted backup; `PRAGMA user_version` records the last one applied.
 * Never edit a published migration: add a new one.
 *
 * Numbers are allocated per feature area so parallel work does not collide:
 * 1 vault (users, settings, audit) · 2 cases · 3 risk assessments and tasks · 4 referrals and court · 5
 * statistics helpers · 6 documents · 7 screened domains of an assessment · 9 security (signed grants, audit
 * MACs) · 11 drafts · 12 court documents (letterhead titles, report drafts) · 14 sync (uids, messages, device
 * chains) · 15 sync Merkle comparison (applied file stats, published trees) · 16 institution contacts (KEP) ·
 * 17 task outcomes · 18 attachments · 19 planned visits and colleague cover · 20 scale (the dashboard's
 * open-task index) · 23 transfers to another office · 24 per-user audit signing keys · 25 scale (demo bulk
 * load, list and dashboard indexes) · 26 visit cancellation · 27 transfer requests and provenance (in the
 * app). 8, 10, 13, 21, 22 were reserved and are unused.
 */
import type { Db } from '../open';
import { m001Vault } from './m001Vault';
import { m002Cases } from './m002Cases';
import { m003Assessments } from './m003Assessments';
import { m004ReferralsCourt } from './m004ReferralsCourt';
import { m005Stats } from './m005Stats';
import { m006Documents } from './m006Documents';
import { m007AssessmentScreened } from './m007AssessmentScreened';
import { m009Security } from './m009Security';
import { m011Drafts } from './m011Drafts';
import { m012CourtDocuments } from './m012CourtDocuments';
import { m014Sync } from './m014Sync';
import { m015SyncMerkle } from './m015SyncMerkle';
import { m016DirectoryContacts } from './m016DirectoryContacts';
import { m017TaskOutcomes } from './m017TaskOutcomes';
import { m018Attachments } from './m018Attachments';
import { m019Calendar } from './m019Calendar';
import { m020DashboardIndex } from './m020DashboardIndex';
import { m023Transfers } from './m023Transfers';
import { m024AuditSigners } from './m024AuditSigners';
import { m025ScaleIndexes } from './m025ScaleIndexes';
import { m026VisitCancel } from './m026VisitCancel';
import { m027TransferRequests } from './m027TransferRequests';

export interface Migration {
  version: number;
  name: string;
  up(db: Db): void;
}

export const MIGRATIONS: Migration[] = [m001Vault, m002Cases, m003Assessments, m004ReferralsCourt, m005Stats, m006Documents, m007AssessmentScreened, m009Security, m011Drafts, m012CourtDocuments, m014Sync, m015SyncMerkle, m016DirectoryContacts, m017TaskOutcomes, m018Attachments, m019Calendar, m020DashboardIndex, m023Transfers, m024AuditSigners, m025ScaleIndexes, m026VisitCancel, m027TransferRequests];

export const LATEST_VERSION = MIGRATIONS.reduce((max, m) => Math.max(max, m.version), 0);
