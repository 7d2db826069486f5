package web

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"time"

	"benicommunity/internal/store"
)

type adminAuditData struct {
	Entries  []store.AuditEntry
	Pager    pager
	List     listState
	Entity   string
	Action   string
	From, To string
	Entities []string
	Actions  []string
}

var auditWord = regexp.MustCompile(`^[a-z_]{1,40}$`)

// adminAudit lets coordinators browse the change log, filtered by what
// changed, the kind of change, who or what (text) and a date range.
func (s *Server) adminAudit(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.readList(w, r, []string{"at"}, "at")
	if !ok {
		return
	}
	q := r.URL.Query()
	d := adminAuditData{List: ls, Entity: q.Get("oggetto"), Action: q.Get("azione"), From: q.Get("dal"), To: q.Get("al"),
		Entities: []string{"activity", "attachment", "body", "community", "activity_type", "user"},
		Actions:  []string{"create", "update", "update_profile", "delete", "publish", "unpublish", "cancel", "merge", "invite", "set_logo", "set_password_invite", "set_password_reset"}}
	f := store.AuditFilter{Entity: d.Entity, Action: d.Action, Query: ls.Query, Asc: ls.Raw.Get("verso") == "asc", Limit: ls.Pager.Size, Offset: ls.Pager.Offset()}
	if (d.Entity != "" && !auditWord.MatchString(d.Entity)) || (d.Action != "" && !auditWord.MatchString(d.Action)) {
		s.badRequest(w, r, "admin.error.bad_list")
		return
	}
	if d.From != "" {
		t, err := time.ParseInLocation(time.DateOnly, d.From, s.rome)
		if err != nil {
			s.badRequest(w, r, "admin.audit.error.date")
			return
		}
		f.Since = &t
	}
	if d.To != "" {
		t, err := time.ParseInLocation(time.DateOnly, d.To, s.rome)
		if err != nil {
			s.badRequest(w, r, "admin.audit.error.date")
			return
		}
		t = t.AddDate(0, 0, 1)
		f.Until = &t
	}
	entries, ok := fetchList(s, w, r, &ls, func() ([]store.AuditEntry, int, error) { return s.store.AuditLog(r.Context(), f) })
	if !ok {
		return
	}
	d.Entries = entries
	d.Pager = ls.Pager
	l := s.localizer(r)
	s.render(w, r, http.StatusOK, "admin_audit", page{L: l, Title: l.T("admin.audit.title"), Data: d})
}

// prettyJSON indents a stored snapshot for reading.
func prettyJSON(s string) string {
	if s == "" {
		return ""
	}
	var b bytes.Buffer
	if err := json.Indent(&b, []byte(s), "", "  "); err != nil {
		return s
	}
	return b.String()
}
