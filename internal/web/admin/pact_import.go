package admin

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"benicommunity/internal/domain"
	"benicommunity/internal/pactimport"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
)

// Import of a body's CSV file of pacts, in two steps: the upload shows a
// preview (the detected mapping of each column, which can be changed, and
// the first rows), the confirmation writes every row or none.
//
// The file travels from the preview to the confirmation as a hidden field
// (base64) signed with HMAC-SHA256 under the deployment's secret
// "pact_import" (store.Secret: random, kept in the database, shared by
// every instance and restart, never shown); the signature covers the
// account, the body and the bytes, so the confirmation imports exactly the
// file this account uploaded for this body, and a changed field is refused.
// Nothing is stored in between.

const importSecretName = "pact_import"

// previewRows is how many rows the preview shows.
const previewRows = 5

type importColumn struct {
	Index  int
	Name   string
	Field  string
	Fields []core.Option
}

type importData struct {
	Form     *core.Form
	Bodies   []core.Option
	BodyID   int64
	BodyName string
	Data     string // the file, base64
	Sig      string
	Preview  pactimport.Preview
	Columns  []importColumn
	Problem  string // the reason a row or the file is refused, in Italian
	Result   *store.ImportResult
	Statuses map[domain.PactStatus]string
}

func (s *Handler) importSig(r *http.Request, bodyID int64, data []byte) (string, error) {
	key, err := s.Store.Secret(r.Context(), importSecretName)
	if err != nil {
		return "", err
	}
	m := hmac.New(sha256.New, key)
	m.Write([]byte(strconv.FormatInt(core.CurrentUser(r).ID, 10) + "|" + strconv.FormatInt(bodyID, 10) + "|"))
	m.Write(data)
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil)), nil
}

// ImportForm asks for the body and the file.
func (s *Handler) ImportForm(w http.ResponseWriter, r *http.Request) {
	f := core.NewForm(s.Localizer(r), url.Values{"body_id": {r.URL.Query().Get("ente")}})
	s.renderImport(w, r, http.StatusOK, importData{Form: f})
}

func (s *Handler) renderImport(w http.ResponseWriter, r *http.Request, status int, d importData) {
	l := s.Localizer(r)
	refs, err := s.editableBodies(r)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d.Bodies = bodyOptions(refs, l.T("admin.form.choose"))
	for _, b := range refs {
		if b.ID == d.BodyID {
			d.BodyName = b.Name
		}
	}
	s.Render(w, r, status, "admin_pact_import", core.Page{L: l, Title: l.T("admin.import.title"), Data: d})
}

// UploadImport reads the uploaded file and shows its preview.
func (s *Handler) UploadImport(w http.ResponseWriter, r *http.Request) {
	l := s.Localizer(r)
	f := core.NewForm(l, url.Values{})
	d := importData{Form: f}
	maxLabel := core.SizeLabel(l, s.maxUpload)
	if p := s.parseUploadForm(w, r, maxLabel); p != nil {
		// a body the account may not touch is refused first, even here
		if body, err := strconv.ParseInt(r.FormValue("body_id"), 10, 64); err == nil && !core.CurrentUser(r).CanEditBody(body) {
			s.forbidden(w, r)
			return
		}
		f.Fail("file", p.msgID, p.args...)
		s.renderImport(w, r, p.status, d)
		return
	}
	defer r.MultipartForm.RemoveAll()
	f.Values.Set("body_id", r.FormValue("body_id"))
	body, err := strconv.ParseInt(f.Get("body_id"), 10, 64)
	if err != nil || body <= 0 {
		f.Fail("body_id", "admin.registry.error.choose")
	} else if !core.CurrentUser(r).CanEditBody(body) {
		s.forbidden(w, r)
		return
	}
	file, _, err := r.FormFile("file")
	var data []byte
	if err != nil {
		f.Fail("file", "admin.attachments.error.missing")
	} else {
		defer file.Close()
		data, err = io.ReadAll(io.LimitReader(file, s.maxUpload+1))
		switch {
		case err != nil:
			f.Fail("file", "admin.attachments.error.unreadable")
		case int64(len(data)) > s.maxUpload:
			f.Fail("file", "admin.attachments.error.too_big", "Max", maxLabel)
		case len(data) == 0:
			f.Fail("file", "admin.attachments.error.empty")
		}
	}
	if !f.OK() {
		s.renderImport(w, r, http.StatusUnprocessableEntity, d)
		return
	}
	s.previewImport(w, r, body, data, nil, false)
}

// ConfirmImport reads the signed file back with the chosen mapping: it
// shows the preview again, or imports every row.
func (s *Handler) ConfirmImport(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, s.maxUpload*4/3+256<<10)
	if err := r.ParseForm(); err != nil {
		s.BadRequest(w, r, "auth.error.form")
		return
	}
	body, err := strconv.ParseInt(r.PostForm.Get("body_id"), 10, 64)
	if err != nil || body <= 0 {
		s.BadRequest(w, r, "admin.import.error.signature")
		return
	}
	if !core.CurrentUser(r).CanEditBody(body) {
		s.forbidden(w, r)
		return
	}
	data, err := base64.StdEncoding.DecodeString(r.PostForm.Get("data"))
	if err != nil {
		s.BadRequest(w, r, "admin.import.error.signature")
		return
	}
	sig, err := s.importSig(r, body, data)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	if !hmac.Equal([]byte(sig), []byte(r.PostForm.Get("sig"))) {
		s.BadRequest(w, r, "admin.import.error.signature")
		return
	}
	override := map[string]pactimport.Field{}
	table, err := pactimport.Parse(bytes.NewReader(data))
	if err == nil {
		for i, h := range table.Header {
			if v := r.PostForm.Get("map_" + strconv.Itoa(i)); v != "" {
				override[h] = pactimport.Field(v)
			}
		}
	}
	s.previewImport(w, r, body, data, override, r.PostForm.Get("step") == "import")
}

// previewImport parses the file, maps it, converts every row and asks the
// store for a dry run (or, with write, the import itself). Any problem is
// shown on the preview, naming the row, and nothing is written.
func (s *Handler) previewImport(w http.ResponseWriter, r *http.Request, body int64, data []byte, override map[string]pactimport.Field, write bool) {
	l := s.Localizer(r)
	f := core.NewForm(l, url.Values{"body_id": {strconv.FormatInt(body, 10)}})
	sig, err := s.importSig(r, body, data)
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	d := importData{Form: f, BodyID: body, Data: base64.StdEncoding.EncodeToString(data), Sig: sig}
	status := http.StatusOK
	fail := func(err error) {
		var re *pactimport.RowError
		switch {
		case errors.As(err, &re):
			d.Problem = re.Italian()
		case errors.Is(err, pactimport.ErrEmpty):
			d.Problem = l.T("admin.import.error.empty")
		default:
			d.Problem = l.T("admin.import.error.unreadable")
		}
		status = http.StatusUnprocessableEntity
	}
	table, err := pactimport.Parse(bytes.NewReader(data))
	if err != nil {
		fail(err)
		d.Data, d.Sig = "", ""
		s.renderImport(w, r, status, d)
		return
	}
	d.Preview, err = pactimport.PreviewFile(table, override, previewRows)
	if d.Preview.Columns == nil {
		// no mapping could be made: offer every column with its override
		d.Preview.Columns = make([]pactimport.ColumnMapping, len(table.Header))
		for i, h := range table.Header {
			d.Preview.Columns[i] = pactimport.ColumnMapping{Column: h, Field: override[h]}
		}
	}
	for i, c := range d.Preview.Columns {
		col := importColumn{Index: i, Name: c.Column, Field: string(c.Field)}
		if col.Field == "" {
			col.Field = string(pactimport.FieldIgnore)
		}
		col.Fields = append(col.Fields, core.Option{Value: string(pactimport.FieldIgnore), Label: l.T("admin.import.ignore"), Selected: col.Field == string(pactimport.FieldIgnore)})
		for _, fl := range pactimport.Fields {
			col.Fields = append(col.Fields, core.Option{Value: string(fl), Label: l.T("admin.import.field." + string(fl)), Selected: col.Field == string(fl)})
		}
		d.Columns = append(d.Columns, col)
	}
	if err != nil {
		fail(err)
		s.renderImport(w, r, status, d)
		return
	}
	m, err := pactimport.DetectMapping(table.Header, override)
	var batch pactimport.Batch
	if err == nil {
		batch, err = pactimport.Convert(table, m)
	}
	var res store.ImportResult
	if err == nil {
		res, err = s.Store.ImportPacts(r.Context(), core.CurrentUser(r), body, batch, !write)
	}
	if errors.Is(err, store.ErrForbidden) {
		s.forbidden(w, r)
		return
	}
	if err != nil {
		var re *pactimport.RowError
		if !errors.As(err, &re) && !errors.Is(err, store.ErrInvalid) {
			s.ServerError(w, r, err)
			return
		}
		fail(err)
		if !errors.As(err, &re) {
			d.Problem = l.T("admin.import.error.invalid")
		}
		s.renderImport(w, r, status, d)
		return
	}
	if write {
		q := url.Values{"ente": {strconv.FormatInt(body, 10)}, "importati": {strconv.Itoa(res.Created)},
			"aggiornati": {strconv.Itoa(res.Updated)}, "invariati": {strconv.Itoa(res.Unchanged)}}
		http.Redirect(w, r, "/admin/patti?"+q.Encode(), http.StatusSeeOther)
		return
	}
	d.Result = &res
	s.renderImport(w, r, status, d)
}
