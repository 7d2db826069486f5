package registrations

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strings"

	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// AdminExport downloads every registration of an activity as CSV, UTF-8
// with a byte-order mark so spreadsheet programs read the accents right.
func (s *Handler) AdminExport(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivity(w, r)
	if !ok {
		return
	}
	l := s.Localizer(r)
	rows, _, err := s.Store.Registrations(r.Context(), store.RegistrationFilter{ActivityID: a.ID, Limit: -1})
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	var buf bytes.Buffer
	buf.WriteString("\uFEFF")
	cw := csv.NewWriter(&buf)
	cols := []string{"name", "email", "body", "new_body", "role", "table", "accessibility", "status", "attended", "consent", "registered"}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = l.T("registration.csv." + c)
	}
	cw.Write(head)
	for _, reg := range rows {
		newBody := ""
		if reg.BodyID == 0 && reg.ProposedBodyName != "" {
			newBody = strings.TrimSpace(reg.ProposedBodyName + " (" + l.T("kind."+reg.ProposedBodyKind) + ", " + reg.ProposedBodyPlace + ")")
		}
		attended := l.T("registration.csv.no")
		if reg.Attended {
			attended = l.T("registration.csv.yes")
		}
		cw.Write(csvSafe([]string{reg.Name, reg.Email, reg.BodyName, newBody, l.T("registration.role." + reg.Role), reg.TableTitle,
			reg.Accessibility, l.T("registration.status." + string(reg.Status)), attended,
			reg.ConsentVersion + " " + reg.ConsentAt.In(core.RomeLocation()).Format("2006-01-02 15:04"), reg.CreatedAt.In(core.RomeLocation()).Format("2006-01-02 15:04")}))
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		s.ServerError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="iscrizioni-`+a.Slug+`.csv"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(buf.Bytes())
}

// csvSafe stops a cell typed by a person from being run as a spreadsheet
// formula when the file is opened.
func csvSafe(cells []string) []string {
	for i, c := range cells {
		if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
			cells[i] = "'" + c
		}
	}
	return cells
}
