/**
 * Numbered migrations, applied in order by `migrate()`; `PRAGMA user_version` records the
 * last one applied. Never edit a migration that has shipped: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  /* 1: the core schema */ `
  CREATE TABLE regions (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('city','town','village')),
    parent_id TEXT REFERENCES regions(id),
    sort INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  -- children of a region (region pickers, scope expansion)
  CREATE INDEX regions_parent ON regions(parent_id, sort);

  CREATE TABLE stations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    region_id TEXT NOT NULL REFERENCES regions(id),
    address TEXT NOT NULL,
    reception_days TEXT NOT NULL
  ) STRICT;

  CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('department','town','organ')),
    region_id TEXT REFERENCES regions(id),
    sort INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE categories (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    default_unit_id TEXT REFERENCES units(id),
    sort INTEGER NOT NULL DEFAULT 0
  ) STRICT;

  CREATE TABLE deputies (
    code TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    level TEXT NOT NULL CHECK (level IN ('province','prefecture','county','town')),
    region_id TEXT NOT NULL REFERENCES regions(id),
    station_id TEXT REFERENCES stations(id),
    constituency TEXT NOT NULL,
    photo_url TEXT NOT NULL,
    bio TEXT NOT NULL DEFAULT '',
    sort INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  -- GET /api/deputies?regionId=
  CREATE INDEX deputies_region ON deputies(region_id, sort);
  CREATE INDEX deputies_station ON deputies(station_id);

  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    role TEXT NOT NULL CHECK (role IN ('citizen','deputy','office','unit','leader','admin')),
    name TEXT NOT NULL,
    phone TEXT,
    idp_kind TEXT CHECK (idp_kind IN ('zlb','ding')),
    idp_user_id TEXT,
    username TEXT UNIQUE,
    password_hash TEXT,
    region_id TEXT REFERENCES regions(id),
    unit_id TEXT REFERENCES units(id),
    deputy_code TEXT REFERENCES deputies(code),
    disabled INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
  ) STRICT;
  -- sign-in: provider user id → our user
  CREATE UNIQUE INDEX users_idp ON users(idp_kind, idp_user_id);
  CREATE INDEX users_deputy ON users(deputy_code);
  CREATE INDEX users_unit ON users(unit_id);

  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    tracking_no TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL CHECK (type IN ('consult','help','complaint','report','suggestion')),
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('submitted','acknowledged','triage','assigned','handling','replied','closed')),
    deputy_code TEXT NOT NULL REFERENCES deputies(code),
    region_id TEXT NOT NULL REFERENCES regions(id),
    citizen_user_id TEXT REFERENCES users(id),
    entered_by_user_id TEXT NOT NULL REFERENCES users(id),
    contact_name TEXT,
    contact_phone TEXT,
    anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0,1)),
    location_lat REAL,
    location_lng REAL,
    location_address TEXT,
    photo_ids TEXT NOT NULL DEFAULT '[]',
    category_id TEXT REFERENCES categories(id),
    unit_id TEXT REFERENCES units(id),
    merged_into_case_id TEXT REFERENCES cases(id),
    reopen_count INTEGER NOT NULL DEFAULT 0,
    return_count INTEGER NOT NULL DEFAULT 0,
    urge_count INTEGER NOT NULL DEFAULT 0,
    extension_pending_days INTEGER,
    extension_approved_days INTEGER,
    submitted_at TEXT NOT NULL,
    ack_due_at TEXT NOT NULL,
    sign_due_at TEXT,
    reply_due_at TEXT,
    rate_due_at TEXT,
    acknowledged_at TEXT,
    forwarded_at TEXT,
    assigned_at TEXT,
    first_assigned_at TEXT,
    signed_at TEXT,
    replied_at TEXT,
    replied_by_unit INTEGER NOT NULL DEFAULT 0,
    reply_text TEXT,
    closed_at TEXT,
    close_reason TEXT CHECK (close_reason IN ('rated','unrated','rejected','merged','withdrawn','closed')),
    rating TEXT CHECK (rating IN ('satisfied','basically_satisfied','unsatisfied')),
    solved INTEGER,
    rating_comment TEXT,
    rated_at TEXT,
    deputy_rating TEXT CHECK (deputy_rating IN ('satisfied','basically_satisfied','unsatisfied')),
    deputy_rating_comment TEXT,
    ack_on_time INTEGER,
    reply_on_time INTEGER,
    reminded_flags TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
  ) STRICT;
  -- a citizen's own cases, newest first
  CREATE INDEX cases_citizen ON cases(citizen_user_id, submitted_at DESC);
  -- a deputy's inbox
  CREATE INDEX cases_deputy ON cases(deputy_code, status, submitted_at DESC);
  -- a unit's cases
  CREATE INDEX cases_unit ON cases(unit_id, status, submitted_at DESC);
  -- office/leader region scope and the stats period filter
  CREATE INDEX cases_region_time ON cases(region_id, submitted_at);
  CREATE INDEX cases_time ON cases(submitted_at);
  -- the scheduler's due-date scans over open cases
  CREATE INDEX cases_open_status ON cases(status, ack_due_at) WHERE status <> 'closed';

  CREATE TABLE case_events (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    seq INTEGER NOT NULL,
    action TEXT NOT NULL,
    actor_user_id TEXT REFERENCES users(id),
    actor_role TEXT,
    actor_name TEXT NOT NULL,
    from_status TEXT,
    to_status TEXT NOT NULL,
    note TEXT,
    data TEXT NOT NULL DEFAULT '{}',
    attachments TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL,
    UNIQUE (case_id, seq)
  ) STRICT;
  -- the timeline of one case; the UNIQUE index above serves it
  -- stats: events of an action in a period (returns, extensions, reopens)
  CREATE INDEX case_events_action_time ON case_events(action, created_at);
  CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
  CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
    BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;

  CREATE TABLE tracking_counters (
    day TEXT PRIMARY KEY,
    last INTEGER NOT NULL
  ) STRICT;

  CREATE TABLE uploads (
    id TEXT PRIMARY KEY,
    owner_user_id TEXT NOT NULL REFERENCES users(id),
    mime TEXT NOT NULL,
    size INTEGER NOT NULL,
    width INTEGER,
    height INTEGER,
    original_name TEXT,
    -- the case the photo was first attached to: its readers may see the photo
    case_id TEXT REFERENCES cases(id),
    bytes BLOB NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX uploads_owner ON uploads(owner_user_id);

  CREATE TABLE holidays (
    date TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('holiday','workday')),
    name TEXT NOT NULL
  ) STRICT;

  CREATE TABLE idempotency_keys (
    user_id TEXT NOT NULL REFERENCES users(id),
    key TEXT NOT NULL,
    case_id TEXT NOT NULL REFERENCES cases(id),
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_id, key)
  ) STRICT;

  CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL CHECK (channel IN ('ding','zlb')),
    recipient_user_id TEXT NOT NULL REFERENCES users(id),
    case_id TEXT REFERENCES cases(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    dedupe_key TEXT NOT NULL UNIQUE,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    last_error TEXT,
    sent_at TEXT,
    read_at TEXT,
    created_at TEXT NOT NULL
  ) STRICT;
  -- the delivery worker's queue
  CREATE INDEX notifications_pending ON notifications(status, next_attempt_at) WHERE status = 'pending';
  -- a user's in-app inbox and unread badge
  CREATE INDEX notifications_recipient ON notifications(recipient_user_id, created_at DESC);

  CREATE TABLE visits (
    id TEXT PRIMARY KEY,
    deputy_code TEXT NOT NULL REFERENCES deputies(code),
    kind TEXT NOT NULL CHECK (kind IN ('visit','reception')),
    date TEXT NOT NULL,
    place TEXT NOT NULL,
    people TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL,
    photo_ids TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX visits_deputy ON visits(deputy_code, date DESC);

  CREATE TABLE checkins (
    id TEXT PRIMARY KEY,
    deputy_code TEXT NOT NULL REFERENCES deputies(code),
    station_id TEXT NOT NULL REFERENCES stations(id),
    at TEXT NOT NULL
  ) STRICT;
  CREATE INDEX checkins_deputy ON checkins(deputy_code, at DESC);

  CREATE TABLE classifier_corrections (
    id INTEGER PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases(id),
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    suggested_label TEXT,
    created_at TEXT NOT NULL
  ) STRICT;

  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) STRICT;

  -- The stand-in identity provider's own data (demo mode only); the real providers keep theirs.
  CREATE TABLE mock_idp_accounts (
    account TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('zlb','ding')),
    role TEXT NOT NULL,
    name TEXT NOT NULL,
    mobile TEXT,
    sort INTEGER NOT NULL DEFAULT 0
  ) STRICT;
  CREATE TABLE mock_idp_messages (
    id INTEGER PRIMARY KEY,
    channel TEXT NOT NULL,
    recipient TEXT NOT NULL,
    msg_key TEXT NOT NULL UNIQUE,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    received_at TEXT NOT NULL
  ) STRICT;
  `,
  /* 2: a hash chain over each case's events, so tampering with the timeline is detectable */ `
  ALTER TABLE case_events ADD COLUMN prev_hash TEXT;
  ALTER TABLE case_events ADD COLUMN hash TEXT;
  `,
  /* 3: routing suggestions */ `
  -- 马上分: which unit cases of a category in a town went to (P(unit | category, town))
  CREATE INDEX cases_routing ON cases(region_id, category_id, unit_id);
  `,
  /* 4: 码上评 aggregates for the data cockpit (see server/src/domain/stats.ts) */ `
  -- 码上评 over years of cases: one row of facts per case (the definitions of every indicator),
  -- summed by submission day (CST) and month per town, category, unit and deputy, and by day per town.
  -- Triggers keep the sums in the same transaction as every insert or update of a case.
  CREATE VIEW stats_case_facts AS SELECT
    id,
    date(submitted_at, '+8 hours') AS day,
    region_id,
    coalesce(category_id, '') AS category_id,
    coalesce(unit_id, '') AS unit_id,
    deputy_code,
    1 AS received, -- 收件
    CASE WHEN status <> 'closed' THEN 1 ELSE 0 END AS open, -- 未办结（当前）
    CASE WHEN status = 'closed' THEN 1 ELSE 0 END AS closed, -- 已办结
    CASE WHEN acknowledged_at IS NOT NULL OR (status = 'closed' AND ack_due_at < closed_at) THEN 1 ELSE 0 END AS ack_due, -- 应受理（已受理，或办结前已过应答时限）
    CASE WHEN ack_on_time = 1 THEN 1 ELSE 0 END AS ack_ok, -- 按时受理
    CASE WHEN acknowledged_at IS NOT NULL THEN 1 ELSE 0 END AS acked, -- 已受理
    CASE WHEN acknowledged_at IS NOT NULL THEN unixepoch(acknowledged_at) - unixepoch(submitted_at) ELSE 0 END AS ack_s, -- 受理用时（秒）
    CASE WHEN reply_on_time IS NOT NULL OR (status = 'closed' AND unit_id IS NOT NULL AND reply_due_at IS NOT NULL AND reply_due_at < closed_at) THEN 1 ELSE 0 END AS reply_due, -- 交办件应办结
    CASE WHEN reply_on_time = 1 THEN 1 ELSE 0 END AS reply_ok, -- 按时办结
    CASE WHEN rating IS NOT NULL THEN 1 ELSE 0 END AS rated, -- 已评价
    CASE WHEN rating = 'satisfied' THEN 1 ELSE 0 END AS sat, -- 满意
    CASE WHEN rating = 'basically_satisfied' THEN 1 ELSE 0 END AS basic, -- 基本满意
    CASE WHEN rating = 'unsatisfied' THEN 1 ELSE 0 END AS unsat, -- 不满意
    CASE WHEN rating IS NOT NULL AND solved = 1 THEN 1 ELSE 0 END AS solved, -- 已解决
    CASE WHEN deputy_rating IS NOT NULL THEN 1 ELSE 0 END AS d_rated, -- 代表已评价
    CASE WHEN deputy_rating = 'satisfied' THEN 1 ELSE 0 END AS d_sat, -- 代表满意
    CASE WHEN deputy_rating = 'basically_satisfied' THEN 1 ELSE 0 END AS d_basic, -- 代表基本满意
    CASE WHEN first_assigned_at IS NOT NULL THEN 1 ELSE 0 END AS assigned, -- 已交办
    CASE WHEN return_count > 0 THEN 1 ELSE 0 END AS returned, -- 被退回
    CASE WHEN extension_approved_days IS NOT NULL THEN 1 ELSE 0 END AS extended, -- 已延期
    CASE WHEN replied_at IS NOT NULL THEN 1 ELSE 0 END AS replied, -- 已答复
    CASE WHEN reopen_count > 0 THEN 1 ELSE 0 END AS reopened, -- 重办
    CASE WHEN replied_at IS NOT NULL AND replied_by_unit = 0 THEN 1 ELSE 0 END AS direct, -- 代表直接答复
    CASE WHEN forwarded_at IS NOT NULL THEN 1 ELSE 0 END AS forwarded, -- 已转交
    CASE WHEN (CASE WHEN forwarded_at IS NOT NULL THEN forwarded_at WHEN replied_at IS NOT NULL AND replied_by_unit = 0 THEN replied_at WHEN close_reason = 'rejected' THEN closed_at END) IS NOT NULL THEN 1 ELSE 0 END AS dep_n, -- 代表环节已结束
    CASE WHEN (CASE WHEN forwarded_at IS NOT NULL THEN forwarded_at WHEN replied_at IS NOT NULL AND replied_by_unit = 0 THEN replied_at WHEN close_reason = 'rejected' THEN closed_at END) IS NOT NULL THEN unixepoch((CASE WHEN forwarded_at IS NOT NULL THEN forwarded_at WHEN replied_at IS NOT NULL AND replied_by_unit = 0 THEN replied_at WHEN close_reason = 'rejected' THEN closed_at END)) - unixepoch(submitted_at) ELSE 0 END AS dep_s, -- 代表环节用时（秒）
    CASE WHEN forwarded_at IS NOT NULL AND first_assigned_at IS NOT NULL THEN 1 ELSE 0 END AS off_n, -- 人大办分办环节已结束
    CASE WHEN forwarded_at IS NOT NULL AND first_assigned_at IS NOT NULL THEN unixepoch(first_assigned_at) - unixepoch(forwarded_at) ELSE 0 END AS off_s, -- 分办用时（秒）
    CASE WHEN replied_by_unit = 1 AND first_assigned_at IS NOT NULL AND replied_at IS NOT NULL THEN 1 ELSE 0 END AS unit_n, -- 单位环节已结束
    CASE WHEN replied_by_unit = 1 AND first_assigned_at IS NOT NULL AND replied_at IS NOT NULL THEN unixepoch(replied_at) - unixepoch(first_assigned_at) ELSE 0 END AS unit_s -- 单位办理用时（秒）
  FROM cases;
  CREATE TABLE stats_day (day TEXT NOT NULL, region_id TEXT NOT NULL, category_id TEXT NOT NULL, unit_id TEXT NOT NULL, deputy_code TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, ack_due INTEGER NOT NULL DEFAULT 0, ack_ok INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0, ack_s INTEGER NOT NULL DEFAULT 0, reply_due INTEGER NOT NULL DEFAULT 0, reply_ok INTEGER NOT NULL DEFAULT 0, rated INTEGER NOT NULL DEFAULT 0, sat INTEGER NOT NULL DEFAULT 0, basic INTEGER NOT NULL DEFAULT 0, unsat INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0, d_rated INTEGER NOT NULL DEFAULT 0, d_sat INTEGER NOT NULL DEFAULT 0, d_basic INTEGER NOT NULL DEFAULT 0, assigned INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, replied INTEGER NOT NULL DEFAULT 0, reopened INTEGER NOT NULL DEFAULT 0, direct INTEGER NOT NULL DEFAULT 0, forwarded INTEGER NOT NULL DEFAULT 0, dep_n INTEGER NOT NULL DEFAULT 0, dep_s INTEGER NOT NULL DEFAULT 0, off_n INTEGER NOT NULL DEFAULT 0, off_s INTEGER NOT NULL DEFAULT 0, unit_n INTEGER NOT NULL DEFAULT 0, unit_s INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id, category_id, unit_id, deputy_code)) STRICT, WITHOUT ROWID;
  CREATE TABLE stats_month (month TEXT NOT NULL, region_id TEXT NOT NULL, category_id TEXT NOT NULL, unit_id TEXT NOT NULL, deputy_code TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, ack_due INTEGER NOT NULL DEFAULT 0, ack_ok INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0, ack_s INTEGER NOT NULL DEFAULT 0, reply_due INTEGER NOT NULL DEFAULT 0, reply_ok INTEGER NOT NULL DEFAULT 0, rated INTEGER NOT NULL DEFAULT 0, sat INTEGER NOT NULL DEFAULT 0, basic INTEGER NOT NULL DEFAULT 0, unsat INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0, d_rated INTEGER NOT NULL DEFAULT 0, d_sat INTEGER NOT NULL DEFAULT 0, d_basic INTEGER NOT NULL DEFAULT 0, assigned INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, replied INTEGER NOT NULL DEFAULT 0, reopened INTEGER NOT NULL DEFAULT 0, direct INTEGER NOT NULL DEFAULT 0, forwarded INTEGER NOT NULL DEFAULT 0, dep_n INTEGER NOT NULL DEFAULT 0, dep_s INTEGER NOT NULL DEFAULT 0, off_n INTEGER NOT NULL DEFAULT 0, off_s INTEGER NOT NULL DEFAULT 0, unit_n INTEGER NOT NULL DEFAULT 0, unit_s INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region_id, category_id, unit_id, deputy_code)) STRICT, WITHOUT ROWID;
  CREATE TABLE stats_day_region (day TEXT NOT NULL, region_id TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, ack_due INTEGER NOT NULL DEFAULT 0, ack_ok INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0, ack_s INTEGER NOT NULL DEFAULT 0, reply_due INTEGER NOT NULL DEFAULT 0, reply_ok INTEGER NOT NULL DEFAULT 0, rated INTEGER NOT NULL DEFAULT 0, sat INTEGER NOT NULL DEFAULT 0, basic INTEGER NOT NULL DEFAULT 0, unsat INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0, d_rated INTEGER NOT NULL DEFAULT 0, d_sat INTEGER NOT NULL DEFAULT 0, d_basic INTEGER NOT NULL DEFAULT 0, assigned INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, replied INTEGER NOT NULL DEFAULT 0, reopened INTEGER NOT NULL DEFAULT 0, direct INTEGER NOT NULL DEFAULT 0, forwarded INTEGER NOT NULL DEFAULT 0, dep_n INTEGER NOT NULL DEFAULT 0, dep_s INTEGER NOT NULL DEFAULT 0, off_n INTEGER NOT NULL DEFAULT 0, off_s INTEGER NOT NULL DEFAULT 0, unit_n INTEGER NOT NULL DEFAULT 0, unit_s INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id)) STRICT, WITHOUT ROWID;
  CREATE INDEX stats_day_deputy ON stats_day(deputy_code, day);
  CREATE INDEX stats_day_unit ON stats_day(unit_id, day);
  CREATE INDEX stats_day_category ON stats_day(category_id, day);
  CREATE TRIGGER stats_case_insert AFTER INSERT ON cases BEGIN
    INSERT INTO stats_day (day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (day, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_month (month, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (month, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_day_region (day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (day, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  CREATE TRIGGER stats_case_update_before BEFORE UPDATE OF status, acknowledged_at, ack_on_time, ack_due_at, closed_at, close_reason, reply_on_time, reply_due_at, rating, solved, deputy_rating, first_assigned_at, return_count, extension_approved_days, replied_at, replied_by_unit, reopen_count, forwarded_at, submitted_at, region_id, category_id, unit_id, deputy_code ON cases
    WHEN old.status IS NOT new.status OR old.acknowledged_at IS NOT new.acknowledged_at OR old.ack_on_time IS NOT new.ack_on_time OR old.ack_due_at IS NOT new.ack_due_at OR old.closed_at IS NOT new.closed_at OR old.close_reason IS NOT new.close_reason OR old.reply_on_time IS NOT new.reply_on_time OR old.reply_due_at IS NOT new.reply_due_at OR old.rating IS NOT new.rating OR old.solved IS NOT new.solved OR old.deputy_rating IS NOT new.deputy_rating OR old.first_assigned_at IS NOT new.first_assigned_at OR old.return_count IS NOT new.return_count OR old.extension_approved_days IS NOT new.extension_approved_days OR old.replied_at IS NOT new.replied_at OR old.replied_by_unit IS NOT new.replied_by_unit OR old.reopen_count IS NOT new.reopen_count OR old.forwarded_at IS NOT new.forwarded_at OR old.submitted_at IS NOT new.submitted_at OR old.region_id IS NOT new.region_id OR old.category_id IS NOT new.category_id OR old.unit_id IS NOT new.unit_id OR old.deputy_code IS NOT new.deputy_code BEGIN
    INSERT INTO stats_day (day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, category_id, unit_id, deputy_code, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (day, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_month (month, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, category_id, unit_id, deputy_code, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (month, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_day_region (day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (day, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  CREATE TRIGGER stats_case_update_after AFTER UPDATE OF status, acknowledged_at, ack_on_time, ack_due_at, closed_at, close_reason, reply_on_time, reply_due_at, rating, solved, deputy_rating, first_assigned_at, return_count, extension_approved_days, replied_at, replied_by_unit, reopen_count, forwarded_at, submitted_at, region_id, category_id, unit_id, deputy_code ON cases
    WHEN old.status IS NOT new.status OR old.acknowledged_at IS NOT new.acknowledged_at OR old.ack_on_time IS NOT new.ack_on_time OR old.ack_due_at IS NOT new.ack_due_at OR old.closed_at IS NOT new.closed_at OR old.close_reason IS NOT new.close_reason OR old.reply_on_time IS NOT new.reply_on_time OR old.reply_due_at IS NOT new.reply_due_at OR old.rating IS NOT new.rating OR old.solved IS NOT new.solved OR old.deputy_rating IS NOT new.deputy_rating OR old.first_assigned_at IS NOT new.first_assigned_at OR old.return_count IS NOT new.return_count OR old.extension_approved_days IS NOT new.extension_approved_days OR old.replied_at IS NOT new.replied_at OR old.replied_by_unit IS NOT new.replied_by_unit OR old.reopen_count IS NOT new.reopen_count OR old.forwarded_at IS NOT new.forwarded_at OR old.submitted_at IS NOT new.submitted_at OR old.region_id IS NOT new.region_id OR old.category_id IS NOT new.category_id OR old.unit_id IS NOT new.unit_id OR old.deputy_code IS NOT new.deputy_code BEGIN
    INSERT INTO stats_day (day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (day, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_month (month, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (month, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_day_region (day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (day, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    DELETE FROM stats_day WHERE (day, region_id, category_id, unit_id, deputy_code) = (date(old.submitted_at, '+8 hours'), old.region_id, coalesce(old.category_id, ''), coalesce(old.unit_id, ''), old.deputy_code) AND received = 0;
    DELETE FROM stats_month WHERE (month, region_id, category_id, unit_id, deputy_code) = (substr(date(old.submitted_at, '+8 hours'), 1, 7), old.region_id, coalesce(old.category_id, ''), coalesce(old.unit_id, ''), old.deputy_code) AND received = 0;
    DELETE FROM stats_day_region WHERE (day, region_id) = (date(old.submitted_at, '+8 hours'), old.region_id) AND received = 0;
  END;
  -- cases never leave the table (nothing is deleted); if one ever did, its sums would go with it
  CREATE TRIGGER stats_case_delete BEFORE DELETE ON cases BEGIN
    INSERT INTO stats_day (day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, category_id, unit_id, deputy_code, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (day, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_month (month, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, category_id, unit_id, deputy_code, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (month, region_id, category_id, unit_id, deputy_code) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    INSERT INTO stats_day_region (day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT day, region_id, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (day, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  -- the cases already there
  INSERT INTO stats_day (day, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
    SELECT day, region_id, category_id, unit_id, deputy_code, sum(received), sum(open), sum(closed), sum(ack_due), sum(ack_ok), sum(acked), sum(ack_s), sum(reply_due), sum(reply_ok), sum(rated), sum(sat), sum(basic), sum(unsat), sum(solved), sum(d_rated), sum(d_sat), sum(d_basic), sum(assigned), sum(returned), sum(extended), sum(replied), sum(reopened), sum(direct), sum(forwarded), sum(dep_n), sum(dep_s), sum(off_n), sum(off_s), sum(unit_n), sum(unit_s) FROM stats_case_facts GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO stats_month (month, region_id, category_id, unit_id, deputy_code, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
    SELECT substr(day, 1, 7), region_id, category_id, unit_id, deputy_code, sum(received), sum(open), sum(closed), sum(ack_due), sum(ack_ok), sum(acked), sum(ack_s), sum(reply_due), sum(reply_ok), sum(rated), sum(sat), sum(basic), sum(unsat), sum(solved), sum(d_rated), sum(d_sat), sum(d_basic), sum(assigned), sum(returned), sum(extended), sum(replied), sum(reopened), sum(direct), sum(forwarded), sum(dep_n), sum(dep_s), sum(off_n), sum(off_s), sum(unit_n), sum(unit_s) FROM stats_case_facts GROUP BY 1, 2, 3, 4, 5;
  INSERT INTO stats_day_region (day, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
    SELECT day, region_id, sum(received), sum(open), sum(closed), sum(ack_due), sum(ack_ok), sum(acked), sum(ack_s), sum(reply_due), sum(reply_ok), sum(rated), sum(sat), sum(basic), sum(unsat), sum(solved), sum(d_rated), sum(d_sat), sum(d_basic), sum(assigned), sum(returned), sum(extended), sum(replied), sum(reopened), sum(direct), sum(forwarded), sum(dep_n), sum(dep_s), sum(off_n), sum(off_s), sum(unit_n), sum(unit_s) FROM stats_case_facts GROUP BY 1, 2;
  -- open cases only (a small partial index): what depends on the clock (overdue, due but not yet answered)
  CREATE INDEX cases_open_stats ON cases(submitted_at, region_id, status, acknowledged_at, ack_due_at, sign_due_at, reply_due_at, reply_on_time, category_id, unit_id, deputy_code) WHERE status <> 'closed';
  `,
  /* 5: 退单 per unit for the cockpit's unit ranking (a return belongs to the unit that returned the case) */ `
  CREATE TABLE stats_unit_returns (day TEXT NOT NULL, region_id TEXT NOT NULL, deputy_code TEXT NOT NULL, unit_id TEXT NOT NULL,
    returned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id, deputy_code, unit_id)) STRICT, WITHOUT ROWID;
  -- by the case's submission day (China time), like the other sums; kept in the same transaction as the return
  CREATE TRIGGER stats_return_insert AFTER INSERT ON case_events WHEN new.action = 'return' BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, unit_id, returned)
      SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, u.unit_id, 1 FROM cases c, users u
      WHERE c.id = new.case_id AND u.id = new.actor_user_id AND u.unit_id IS NOT NULL
      ON CONFLICT (day, region_id, deputy_code, unit_id) DO UPDATE SET returned = returned + 1;
  END;
  INSERT INTO stats_unit_returns (day, region_id, deputy_code, unit_id, returned)
    SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, u.unit_id, count(*) FROM case_events e
    JOIN cases c ON c.id = e.case_id JOIN users u ON u.id = e.actor_user_id
    WHERE e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY 1, 2, 3, 4;
  `,
  /* 6: 退单 per unit also by the case's category, so a category filter reads sums too */ `
  DROP TRIGGER stats_return_insert;
  DROP TABLE stats_unit_returns;
  CREATE TABLE stats_unit_returns (day TEXT NOT NULL, region_id TEXT NOT NULL, deputy_code TEXT NOT NULL, category_id TEXT NOT NULL,
    unit_id TEXT NOT NULL, returned INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, region_id, deputy_code, category_id, unit_id)) STRICT, WITHOUT ROWID;
  -- a return counts under the case's current category: added when the return is recorded…
  CREATE TRIGGER stats_return_insert AFTER INSERT ON case_events WHEN new.action = 'return' BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, coalesce(c.category_id, ''), u.unit_id, 1 FROM cases c, users u
      WHERE c.id = new.case_id AND u.id = new.actor_user_id AND u.unit_id IS NOT NULL
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + 1;
  END;
  -- …and moved when the case is given another category later
  CREATE TRIGGER stats_return_recategorise AFTER UPDATE OF category_id ON cases
    WHEN old.category_id IS NOT new.category_id AND new.return_count > 0 BEGIN
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(new.submitted_at, '+8 hours'), new.region_id, new.deputy_code, coalesce(old.category_id, ''), u.unit_id, -count(*)
      FROM case_events e JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = new.id AND e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY u.unit_id
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + excluded.returned;
    INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
      SELECT date(new.submitted_at, '+8 hours'), new.region_id, new.deputy_code, coalesce(new.category_id, ''), u.unit_id, count(*)
      FROM case_events e JOIN users u ON u.id = e.actor_user_id
      WHERE e.case_id = new.id AND e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY u.unit_id
      ON CONFLICT (day, region_id, deputy_code, category_id, unit_id) DO UPDATE SET returned = returned + excluded.returned;
  END;
  INSERT INTO stats_unit_returns (day, region_id, deputy_code, category_id, unit_id, returned)
    SELECT date(c.submitted_at, '+8 hours'), c.region_id, c.deputy_code, coalesce(c.category_id, ''), u.unit_id, count(*) FROM case_events e
    JOIN cases c ON c.id = e.case_id JOIN users u ON u.id = e.actor_user_id
    WHERE e.action = 'return' AND u.unit_id IS NOT NULL GROUP BY 1, 2, 3, 4, 5;
  `,
  /* 7: 答复审核 — a unit's reply held for the office's review before it reaches the citizen */ `
  -- set together when a unit replies to a case whose region requires review; cleared when the
  -- office approves (the reply becomes reply_text) or rejects it, or the case is closed.
  -- None of them feeds the stats sums (the triggers of migration 4 do not watch them).
  ALTER TABLE cases ADD COLUMN pending_reply_text TEXT;
  ALTER TABLE cases ADD COLUMN pending_reply_photo_ids TEXT;
  ALTER TABLE cases ADD COLUMN pending_reply_at TEXT;
  -- the office's 答复待审核 list (GET /api/cases?replyPending=true): few rows, so a partial index
  CREATE INDEX cases_reply_pending ON cases(region_id, submitted_at) WHERE pending_reply_at IS NOT NULL;
  `,
  /* 8: the head of each case's event chain on the case, so removing its last event is detected too */ `
  -- a chain alone cannot show that its newest link is gone; npm run audit:verify compares this with the chain's end
  ALTER TABLE cases ADD COLUMN last_event_hash TEXT;
  CREATE TRIGGER case_events_head AFTER INSERT ON case_events BEGIN
    UPDATE cases SET last_event_hash = new.hash WHERE id = new.case_id;
  END;
  UPDATE cases SET last_event_hash = (SELECT e.hash FROM case_events e WHERE e.case_id = cases.id ORDER BY e.seq DESC LIMIT 1);
  `,  /* 9: sums by month and town only, so a period's overview or town breakdown reads a row per month and town */ `
  -- a year of the whole city is 12 × 10 rows here against thousands in stats_month; kept by the same kind of triggers
  CREATE TABLE stats_month_region (month TEXT NOT NULL, region_id TEXT NOT NULL,
    received INTEGER NOT NULL DEFAULT 0, open INTEGER NOT NULL DEFAULT 0, closed INTEGER NOT NULL DEFAULT 0, ack_due INTEGER NOT NULL DEFAULT 0, ack_ok INTEGER NOT NULL DEFAULT 0, acked INTEGER NOT NULL DEFAULT 0, ack_s INTEGER NOT NULL DEFAULT 0, reply_due INTEGER NOT NULL DEFAULT 0, reply_ok INTEGER NOT NULL DEFAULT 0, rated INTEGER NOT NULL DEFAULT 0, sat INTEGER NOT NULL DEFAULT 0, basic INTEGER NOT NULL DEFAULT 0, unsat INTEGER NOT NULL DEFAULT 0, solved INTEGER NOT NULL DEFAULT 0, d_rated INTEGER NOT NULL DEFAULT 0, d_sat INTEGER NOT NULL DEFAULT 0, d_basic INTEGER NOT NULL DEFAULT 0, assigned INTEGER NOT NULL DEFAULT 0, returned INTEGER NOT NULL DEFAULT 0, extended INTEGER NOT NULL DEFAULT 0, replied INTEGER NOT NULL DEFAULT 0, reopened INTEGER NOT NULL DEFAULT 0, direct INTEGER NOT NULL DEFAULT 0, forwarded INTEGER NOT NULL DEFAULT 0, dep_n INTEGER NOT NULL DEFAULT 0, dep_s INTEGER NOT NULL DEFAULT 0, off_n INTEGER NOT NULL DEFAULT 0, off_s INTEGER NOT NULL DEFAULT 0, unit_n INTEGER NOT NULL DEFAULT 0, unit_s INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (month, region_id)) STRICT, WITHOUT ROWID;
  CREATE TRIGGER stats_mr_insert AFTER INSERT ON cases BEGIN
    INSERT INTO stats_month_region (month, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (month, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  CREATE TRIGGER stats_mr_update_before BEFORE UPDATE OF status, acknowledged_at, ack_on_time, ack_due_at, closed_at, close_reason, reply_on_time, reply_due_at, rating, solved, deputy_rating, first_assigned_at, return_count, extension_approved_days, replied_at, replied_by_unit, reopen_count, forwarded_at, submitted_at, region_id, category_id, unit_id, deputy_code ON cases
    WHEN old.status IS NOT new.status OR old.acknowledged_at IS NOT new.acknowledged_at OR old.ack_on_time IS NOT new.ack_on_time OR old.ack_due_at IS NOT new.ack_due_at OR old.closed_at IS NOT new.closed_at OR old.close_reason IS NOT new.close_reason OR old.reply_on_time IS NOT new.reply_on_time OR old.reply_due_at IS NOT new.reply_due_at OR old.rating IS NOT new.rating OR old.solved IS NOT new.solved OR old.deputy_rating IS NOT new.deputy_rating OR old.first_assigned_at IS NOT new.first_assigned_at OR old.return_count IS NOT new.return_count OR old.extension_approved_days IS NOT new.extension_approved_days OR old.replied_at IS NOT new.replied_at OR old.replied_by_unit IS NOT new.replied_by_unit OR old.reopen_count IS NOT new.reopen_count OR old.forwarded_at IS NOT new.forwarded_at OR old.submitted_at IS NOT new.submitted_at OR old.region_id IS NOT new.region_id OR old.category_id IS NOT new.category_id OR old.unit_id IS NOT new.unit_id OR old.deputy_code IS NOT new.deputy_code BEGIN
    INSERT INTO stats_month_region (month, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (month, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  CREATE TRIGGER stats_mr_update_after AFTER UPDATE OF status, acknowledged_at, ack_on_time, ack_due_at, closed_at, close_reason, reply_on_time, reply_due_at, rating, solved, deputy_rating, first_assigned_at, return_count, extension_approved_days, replied_at, replied_by_unit, reopen_count, forwarded_at, submitted_at, region_id, category_id, unit_id, deputy_code ON cases
    WHEN old.status IS NOT new.status OR old.acknowledged_at IS NOT new.acknowledged_at OR old.ack_on_time IS NOT new.ack_on_time OR old.ack_due_at IS NOT new.ack_due_at OR old.closed_at IS NOT new.closed_at OR old.close_reason IS NOT new.close_reason OR old.reply_on_time IS NOT new.reply_on_time OR old.reply_due_at IS NOT new.reply_due_at OR old.rating IS NOT new.rating OR old.solved IS NOT new.solved OR old.deputy_rating IS NOT new.deputy_rating OR old.first_assigned_at IS NOT new.first_assigned_at OR old.return_count IS NOT new.return_count OR old.extension_approved_days IS NOT new.extension_approved_days OR old.replied_at IS NOT new.replied_at OR old.replied_by_unit IS NOT new.replied_by_unit OR old.reopen_count IS NOT new.reopen_count OR old.forwarded_at IS NOT new.forwarded_at OR old.submitted_at IS NOT new.submitted_at OR old.region_id IS NOT new.region_id OR old.category_id IS NOT new.category_id OR old.unit_id IS NOT new.unit_id OR old.deputy_code IS NOT new.deputy_code BEGIN
    INSERT INTO stats_month_region (month, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s FROM stats_case_facts WHERE id = new.id
      ON CONFLICT (month, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
    DELETE FROM stats_month_region WHERE (month, region_id) = (substr(date(old.submitted_at, '+8 hours'), 1, 7), old.region_id) AND received = 0;
  END;
  CREATE TRIGGER stats_mr_delete BEFORE DELETE ON cases BEGIN
    INSERT INTO stats_month_region (month, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
      SELECT substr(day, 1, 7), region_id, -received, -open, -closed, -ack_due, -ack_ok, -acked, -ack_s, -reply_due, -reply_ok, -rated, -sat, -basic, -unsat, -solved, -d_rated, -d_sat, -d_basic, -assigned, -returned, -extended, -replied, -reopened, -direct, -forwarded, -dep_n, -dep_s, -off_n, -off_s, -unit_n, -unit_s FROM stats_case_facts WHERE id = old.id
      ON CONFLICT (month, region_id) DO UPDATE SET received = received + excluded.received, open = open + excluded.open, closed = closed + excluded.closed, ack_due = ack_due + excluded.ack_due, ack_ok = ack_ok + excluded.ack_ok, acked = acked + excluded.acked, ack_s = ack_s + excluded.ack_s, reply_due = reply_due + excluded.reply_due, reply_ok = reply_ok + excluded.reply_ok, rated = rated + excluded.rated, sat = sat + excluded.sat, basic = basic + excluded.basic, unsat = unsat + excluded.unsat, solved = solved + excluded.solved, d_rated = d_rated + excluded.d_rated, d_sat = d_sat + excluded.d_sat, d_basic = d_basic + excluded.d_basic, assigned = assigned + excluded.assigned, returned = returned + excluded.returned, extended = extended + excluded.extended, replied = replied + excluded.replied, reopened = reopened + excluded.reopened, direct = direct + excluded.direct, forwarded = forwarded + excluded.forwarded, dep_n = dep_n + excluded.dep_n, dep_s = dep_s + excluded.dep_s, off_n = off_n + excluded.off_n, off_s = off_s + excluded.off_s, unit_n = unit_n + excluded.unit_n, unit_s = unit_s + excluded.unit_s;
  END;
  INSERT INTO stats_month_region (month, region_id, received, open, closed, ack_due, ack_ok, acked, ack_s, reply_due, reply_ok, rated, sat, basic, unsat, solved, d_rated, d_sat, d_basic, assigned, returned, extended, replied, reopened, direct, forwarded, dep_n, dep_s, off_n, off_s, unit_n, unit_s)
    SELECT substr(day, 1, 7), region_id, sum(received), sum(open), sum(closed), sum(ack_due), sum(ack_ok), sum(acked), sum(ack_s), sum(reply_due), sum(reply_ok), sum(rated), sum(sat), sum(basic), sum(unsat), sum(solved), sum(d_rated), sum(d_sat), sum(d_basic), sum(assigned), sum(returned), sum(extended), sum(replied), sum(reopened), sum(direct), sum(forwarded), sum(dep_n), sum(dep_s), sum(off_n), sum(off_s), sum(unit_n), sum(unit_s) FROM stats_case_facts GROUP BY 1, 2;
  `,
  /* 10: the office's 延期申请待审批 list (GET /api/cases?extensionPending=true): few rows, so a partial index */ `
  CREATE INDEX cases_extension_pending ON cases(submitted_at) WHERE extension_pending_days IS NOT NULL;
  `,
  /* 11: 账号管理 and what admins change, kept like the case timeline: append-only */ `
  CREATE TABLE admin_events (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update')),
    -- the account's id, or the setting's key
    target TEXT NOT NULL,
    -- what changed, field by field; a password only as "changed"
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  -- GET /api/admin/users?role=…: one role's accounts, newest first
  CREATE INDEX users_role_created ON users(role, created_at);
  -- GET /api/admin/users (全部): every account, newest first
  CREATE INDEX users_created ON users(created_at);
  `,
  /* 12: 代表名册 — the office adds and corrects deputies and marks those who have left office; logged in admin_events */ `
  -- 0: left office (届满/调离/辞职): out of GET /api/deputies and the staff pickers, new submissions refused; the profile still answers
  ALTER TABLE deputies ADD COLUMN in_office INTEGER NOT NULL DEFAULT 1 CHECK (in_office IN (0, 1));
  -- the log's CHECK learns the deputy actions: SQLite cannot alter a CHECK, so the table is rebuilt (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update')),
    -- the account's id, the setting's key, or the deputy's code
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  `,
  /* 13: 承办单位与分类 — the office adds, renames and stops units and changes a category's default unit; logged in admin_events */ `
  -- 0: stopped (停用): not offered or accepted for new assignments, nor suggested; its cases and figures stay its own
  ALTER TABLE units ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the unit and category actions: rebuilt as in migration 12 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's or the category's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  `,
  /* 14: 联络站 — the office adds, corrects and stops liaison stations; logged in admin_events */ `
  -- 0: stopped (停用, it closed): out of the public lists and pickers, check-in refused; its deputies' profiles and past check-ins stay
  ALTER TABLE stations ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the station actions: rebuilt as in migrations 12 and 13 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's or the station's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  -- a region's stations: 联络站's same-name check (in the writing transaction)
  CREATE INDEX stations_region ON stations(region_id);
  `,
  /* 15: photos uploaded and never used are deleted after UNUSED_UPLOAD_DAYS (domain/scheduler.ts) */ `
  -- uploads.deleteUnused: DELETE … WHERE case_id IS NULL AND created_at < ? (the few not on a case, oldest first)
  CREATE INDEX uploads_unattached ON uploads(created_at) WHERE case_id IS NULL;
  `,
  /* 16: 村（社区） — the office adds, renames, re-orders and stops villages and communities; logged in admin_events */ `
  -- 0: stopped (停用: merged away or dissolved): out of GET /api/regions (the citizen's picker) and the station form
  ALTER TABLE regions ADD COLUMN active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1));
  -- the log's CHECK learns the village actions: rebuilt as in migrations 12, 13 and 14 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT NOT NULL REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update','village_create','village_update')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's, the station's or the village's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL
  ) STRICT;
  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  `,
  /* 17: sign-in lockouts in admin_events — an account locked after too many wrong passwords, logged by the system (no actor) */ `
  -- the log's CHECK learns user_lockout and the actor may be the system (NULL): rebuilt as in migrations 12, 13, 14 and 16 (rows and ids kept)
  CREATE TABLE admin_events_new (
    id INTEGER PRIMARY KEY,
    actor_user_id TEXT REFERENCES users(id),
    action TEXT NOT NULL CHECK (action IN ('user_create','user_update','settings_update','deputy_create','deputy_update','unit_create','unit_update','category_update','station_create','station_update','village_create','village_update','user_lockout')),
    -- the account's id, the setting's key, the deputy's code, the unit's, the category's, the station's or the village's id
    target TEXT NOT NULL,
    changes TEXT NOT NULL CHECK (json_valid(changes)),
    created_at TEXT NOT NULL,
    -- a person did it, except a lockout, which the system records
    CHECK ((actor_user_id IS NULL) = (action = 'user_lockout'))
  ) STRICT;
  INSERT INTO admin_events_new (id, actor_user_id, action, target, changes, created_at)
    SELECT id, actor_user_id, action, target, changes, created_at FROM admin_events;
  DROP TABLE admin_events;
  ALTER TABLE admin_events_new RENAME TO admin_events;
  CREATE TRIGGER admin_events_no_update BEFORE UPDATE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  CREATE TRIGGER admin_events_no_delete BEFORE DELETE ON admin_events BEGIN SELECT RAISE(ABORT, 'admin_events is append-only'); END;
  `,
  /* 18: an Idempotency-Key remembers the body it was first used with; the same key with another body is refused (422) */ `
  -- SHA-256 (hex) of the validated input as canonical JSON; NULL for keys stored before: any body replays them
  ALTER TABLE idempotency_keys ADD COLUMN body_hash TEXT;
  `,
  /* 19: notices of the same kind about the same case to the same person within minutes are coalesced into one (domain/notify.ts) */ `
  -- how many notices this row stands for; the delivered text says so when more than one
  ALTER TABLE notifications ADD COLUMN repeats INTEGER NOT NULL DEFAULT 1 CHECK (repeats >= 1);
  `,
  /* 20: events are hashed with the audit key (AUDIT_SECRET); those written before it are sealed under the key once */ `
  -- a case's events 1..seq, hashed without a key, and the keyed chain recomputed over their fields when the key
  -- came (domain/audit.ts sealUnkeyedChains); an unkeyed event no seal covers is reported by npm run audit:verify
  CREATE TABLE audit_seals (
    case_id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    mac TEXT NOT NULL,
    sealed_at TEXT NOT NULL
  ) STRICT;
  CREATE TRIGGER audit_seals_no_update BEFORE UPDATE ON audit_seals BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
  CREATE TRIGGER audit_seals_no_delete BEFORE DELETE ON audit_seals BEGIN SELECT RAISE(ABORT, 'audit_seals is append-only'); END;
  `,
];
