package admin

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"time"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

type adminAuditData struct {
	Entries  []store.AuditEntry
	Pager    core.Pager
	List     core.ListState
	Entity   string
	Action   string
	From, To string
	Entities []string
	Actions  []string
}

var auditWord = regexp.MustCompile(`^[a-z_]{1,40}$`)

// Audit lets coordinators browse the change log, filtered by what
// changed, the kind of change, who or what (text) and a date range.
func (s *Handler) Audit(w http.ResponseWriter, r *http.Request) {
	ls, ok := s.ReadList(w, r, []string{"at"}, "at")
	if !ok {
		return
	}
	q := r.URL.Query()
	d := adminAuditData{List: ls, Entity: q.Get("oggetto"), Action: q.Get("azione"), From: q.Get("dal"), To: q.Get("al"),
		Entities: []string{"activity", "attachment", "body", "community", "activity_type", "user"},
		Actions:  []string{"create", "update", "update_profile", "delete", "publish", "unpublish", "cancel", "merge", "invite", "set_logo", "set_password_invite", "set_password_reset", "change_password"}}
	f := store.AuditFilter{Entity: d.Entity, Action: d.Action, Query: ls.Query, Asc: ls.Raw.Get("verso") == "asc", Limit: ls.Pager.Size, Offset: ls.Pager.Offset()}
	if (d.Entity != "" && !auditWord.MatchString(d.Entity)) || (d.Action != "" && !auditWord.MatchString(d.Action)) {
		s.BadRequest(w, r, "admin.error.bad_list")
		return
	}
	if d.From != "" {
		t, err := time.ParseInLocation(time.DateOnly, d.From, s.Rome)
		if err != nil {
			s.BadRequest(w, r, "admin.audit.error.date")
			return
		}
		f.Since = &t
	}
	if d.To != "" {
		t, err := time.ParseInLocation(time.DateOnly, d.To, s.Rome)
		if err != nil {
			s.BadRequest(w, r, "admin.audit.error.date")
			return
		}
		t = t.AddDate(0, 0, 1)
		f.Until = &t
	}
	entries, ok := core.FetchList(s.Site, w, r, &ls, func() ([]store.AuditEntry, int, error) { return s.Store.AuditLog(r.Context(), f) })
	if !ok {
		return
	}
	d.Entries = entries
	d.Pager = ls.Pager
	l := s.Localizer(r)
	s.Render(w, r, http.StatusOK, "admin_audit", core.Page{L: l, Title: l.T("admin.audit.title"), Data: d})
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
