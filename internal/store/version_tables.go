package store

// UnversionedTables are the tables whose writes do not bump the data version,
// each with the reason: no public page shows them. Every other table has a
// trigger that bumps it (migrations 0004, 0009 and 0010); TestEveryPublicTableBumpsTheDataVersion
// fails when a table is in neither place, so a new table cannot be forgotten.
var UnversionedTables = map[string]string{
	"schema_migrations":    "bookkeeping of the migrations",
	"insight_data_version": "the version itself",
	"users":                "accounts: shown only in the backoffice",
	"body_referents":       "who edits a body: shown only in the backoffice",
	"sessions":             "logins",
	"user_tokens":          "e-mail links",
	"audit_log":            "the backoffice's log",
	"search_documents":     "derived from tables that bump the version, in the same transaction",
	"search_index":         "derived: the SQLite full-text index over search_documents",
	"login_failures":       "the login throttle's counters",
	"job_claims":           "which instance runs a periodic job",
	"join_requests":        "requests to join: shown only in the backoffice",
	"news_subscribers":     "subscribers: personal data, never shown",
	"news_items":           "the digest's queue: e-mailed, not shown",
}
