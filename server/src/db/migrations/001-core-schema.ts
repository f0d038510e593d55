/** Migration 1: the core schema. */
export default `
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
  `;
