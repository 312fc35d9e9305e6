-- Migration 1: the registry, audit runs with per-target facts and per-rule results, and
-- findings with their lifecycle. Times are ISO 8601 UTC text ("2026-11-28T09:30:00Z").

CREATE TABLE units (
    id   TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL
);

CREATE TABLE systems (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    unit_id         TEXT NOT NULL REFERENCES units(id),
    owner           TEXT NOT NULL,
    contact         TEXT NOT NULL DEFAULT '',
    level           INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
    approval_status TEXT NOT NULL
        CHECK (approval_status IN ('approved', 'pending', 'not-submitted', 'expired')),
    decision_no     TEXT NOT NULL DEFAULT '',
    decision_date   TEXT NOT NULL DEFAULT '',
    legal_basis     TEXT NOT NULL CHECK (legal_basis IN ('nd85-2016', 'nd331-2026')),
    imported_at     TEXT NOT NULL
);
CREATE INDEX systems_by_unit ON systems(unit_id);

CREATE TABLE endpoints (
    id        INTEGER PRIMARY KEY,
    system_id TEXT NOT NULL REFERENCES systems(id) ON DELETE CASCADE,
    host      TEXT NOT NULL,
    port      INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    service   TEXT NOT NULL,
    sni       TEXT NOT NULL DEFAULT '',
    UNIQUE (system_id, host, port)
);

-- The latest definition of every rule ever evaluated, so reports show titles and remediation
-- without the policy files at hand.
CREATE TABLE rules (
    id              TEXT PRIMARY KEY,
    policy_id       TEXT NOT NULL,
    title_vi        TEXT NOT NULL,
    title_en        TEXT NOT NULL,
    severity        TEXT NOT NULL CHECK (severity IN ('info', 'low', 'medium', 'high', 'critical')),
    min_level       INTEGER NOT NULL,
    target_kind     TEXT NOT NULL,
    remediation_vi  TEXT NOT NULL,
    remediation_en  TEXT NOT NULL,
    references_json TEXT NOT NULL
);

CREATE TABLE runs (
    id           INTEGER PRIMARY KEY,
    started_at   TEXT NOT NULL,
    finished_at  TEXT,
    status       TEXT NOT NULL CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
    tool_version TEXT NOT NULL,
    policies     TEXT NOT NULL,
    systems      INTEGER NOT NULL DEFAULT 0,
    targets      INTEGER NOT NULL DEFAULT 0
);

-- One row per target per run, written with its results in one transaction: a run killed
-- half-way holds complete targets only.
CREATE TABLE run_targets (
    run_id      INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    system_id   TEXT NOT NULL REFERENCES systems(id),
    target      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    sni         TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL,
    detail      TEXT NOT NULL DEFAULT '',
    duration_ms INTEGER NOT NULL,
    facts_json  TEXT NOT NULL,
    PRIMARY KEY (run_id, system_id, target)
);

CREATE TABLE results (
    run_id    INTEGER NOT NULL,
    system_id TEXT NOT NULL,
    target    TEXT NOT NULL,
    rule_id   TEXT NOT NULL REFERENCES rules(id),
    outcome   TEXT NOT NULL
        CHECK (outcome IN ('pass', 'fail', 'error', 'not-applicable', 'not-checked')),
    evidence  TEXT NOT NULL,
    PRIMARY KEY (run_id, system_id, target, rule_id),
    FOREIGN KEY (run_id, system_id, target)
        REFERENCES run_targets(run_id, system_id, target) ON DELETE CASCADE
) WITHOUT ROWID;

-- A finding is one failing rule on one system and target; it keeps its identity across runs.
CREATE TABLE findings (
    id         INTEGER PRIMARY KEY,
    system_id  TEXT NOT NULL REFERENCES systems(id),
    rule_id    TEXT NOT NULL REFERENCES rules(id),
    target     TEXT NOT NULL,
    severity   TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('open', 'fixed', 'reopened')),
    first_seen TEXT NOT NULL,
    last_seen  TEXT NOT NULL,
    fixed_at   TEXT,
    first_run  INTEGER NOT NULL REFERENCES runs(id),
    last_run   INTEGER NOT NULL REFERENCES runs(id),
    evidence   TEXT NOT NULL,
    UNIQUE (system_id, rule_id, target)
);
CREATE INDEX findings_by_status ON findings(status, severity);

-- Every change of a finding's status, with the run that caused it.
CREATE TABLE finding_events (
    finding_id INTEGER NOT NULL REFERENCES findings(id) ON DELETE CASCADE,
    run_id     INTEGER NOT NULL REFERENCES runs(id),
    at         TEXT NOT NULL,
    status     TEXT NOT NULL,
    PRIMARY KEY (finding_id, run_id)
);
