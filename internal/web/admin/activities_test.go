package admin_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

func TestCoordinatorCreatesAndPublishesStage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Store.Communities(ctx)
		host, _ := s.Store.Body(ctx, "comune-di-chieri")

		if r := c.Get(t, "/admin/attivita/nuova"); r.Status != http.StatusOK || !strings.Contains(r.Body, `data-markdown-preview`) {
			t.Fatalf("new form: %d", r.Status)
		}
		// Invalid: errors next to the fields, everything typed kept.
		bad := StageForm(typ.ID, comms[0].ID, host.ID)
		bad.Set("starts_on", "2026-02-30")
		bad.Set("end_time", "16:00")
		bad.Set("venue", "")
		bad.Set("people", "trenta")
		bad["table_title"] = []string{"", ""}
		r := c.Post(t, "/admin/attivita", bad)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("invalid stage: status %d", r.Status)
		}
		for _, want := range []string{`id="f-starts_on-error"`, `id="f-end_time-error"`, `id="f-venue-error"`, `id="f-people-error"`, `id="table-0-error"`,
			"Esito del tavolo uno", `value="Tappa a Pinerolo"`, "Patti digitali", `aria-invalid="true"`, "Il modulo contiene 5 errori"} {
			if !strings.Contains(r.Body, want) {
				t.Errorf("invalid form lacks %q", want)
			}
		}
		if _, total, _ := s.Store.AdminActivities(ctx, store.AdminActivityFilter{Query: "Pinerolo"}); total != 0 {
			t.Error("an invalid form stored an activity")
		}

		before := Counter(t, s.Store, typ.ID)
		r = c.Post(t, "/admin/attivita", StageForm(typ.ID, comms[0].ID, host.ID))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: status %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		edit := strings.TrimSuffix(r.Header.Get("Location"), "?fatto=salvata")
		if code, _ := s.Get(t, "/tappe/tappa-a-pinerolo"); code != http.StatusNotFound {
			t.Errorf("a draft is public: %d", code)
		}
		if r := c.Post(t, edit+"/pubblica", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", r.Status)
		}
		if got := Counter(t, s.Store, typ.ID); got != before+1 {
			t.Errorf("counter after publishing = %d, want %d", got, before+1)
		}
		code, page := s.Get(t, "/tappe/tappa-a-pinerolo")
		if code != http.StatusOK || !strings.Contains(page, "<strong>iniziali</strong>") || strings.Contains(page, "<script>alert") ||
			strings.Contains(page, "javascript:alert") || strings.Contains(page, "onclick") {
			t.Errorf("public stage: %d, markdown rendered %v, script removed %v", code, strings.Contains(page, "<strong>iniziali</strong>"), !strings.Contains(page, "<script>alert"))
		}
		det, _ := s.Store.ActivityDetail(ctx, "tappa-a-pinerolo")
		if det.StartTime != "17:30" || len(det.Tables) != 1 || len(det.Roles) != 1 || *det.Roles[0].People != 4 || len(det.Participations) != 1 || det.Participations[0].Role != domain.RoleHost {
			t.Errorf("stored stage = %+v", det)
		}
		// Edit form shows the stored values; saving it unchanged keeps them.
		form := c.GetBody(t, edit)
		if !strings.Contains(form, "Tavolo uno") || !strings.Contains(form, `value="2026-05-20"`) {
			t.Errorf("edit form lacks stored values")
		}
		if r := c.Post(t, edit+"/ritira", nil); r.Status != http.StatusSeeOther || Counter(t, s.Store, typ.ID) != before {
			t.Errorf("unpublish: %d, counter %d", r.Status, Counter(t, s.Store, typ.ID))
		}
		if r := c.Get(t, edit+"/elimina"); r.Status != http.StatusOK || !strings.Contains(r.Body, "non si può annullare") {
			t.Errorf("delete confirmation page: %d", r.Status)
		}
		if r := c.Post(t, edit+"/elimina", url.Values{"conferma": {"1"}}); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if _, err := s.Store.Activity(ctx, "tappa-a-pinerolo"); err == nil {
			t.Error("the deleted activity still exists")
		}
	})
}

func TestMarkdownPreviewIsSanitised(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	c := s.LoginAs(t, "coord@example.it")
	r := c.Post(t, "/admin/anteprima", url.Values{"text": {"# Titolo\n\n<img src=x onerror=alert(1)> [clic](javascript:alert(1)) <script>alert(2)</script>**ok**"}})
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "<h1") || !strings.Contains(r.Body, "<strong>ok</strong>") {
		t.Fatalf("preview: %d %q", r.Status, r.Body)
	}
	for _, bad := range []string{"<script", "onerror", "javascript:"} {
		if strings.Contains(r.Body, bad) {
			t.Errorf("preview keeps %q: %s", bad, r.Body)
		}
	}
}

// upload posts a multipart form with one file to an activity.
func upload(t *testing.T, c *Client, path, field, filename string, data []byte) Response {
	t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	fw, err := mw.CreateFormFile(field, filename)
	if err != nil {
		t.Fatal(err)
	}
	fw.Write(data)
	mw.WriteField("section", "activity")
	mw.Close()
	req, _ := http.NewRequest(http.MethodPost, c.Base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.Do(t, req)
}

func TestAttachmentUploads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d) // MaxUpload is 1 MiB here
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		act, _ := s.Store.Activity(ctx, "genova-2021")
		path := "/admin/attivita/" + Itoa(act.ID) + "/allegati"
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 2000)...)

		big := upload(t, c, path, "file", "grande.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 2<<20)...))
		if big.Status != http.StatusRequestEntityTooLarge || !strings.Contains(big.Body, "troppo grande") || !strings.Contains(big.Body, "1,0 MB") {
			t.Errorf("oversized upload: %d %s", big.Status, Excerpt(big.Body, "f-file-error"))
		}
		disguised := upload(t, c, path, "file", "verbale.pdf", []byte("\x89PNG\r\n\x1a\n....."))
		if disguised.Status != http.StatusUnsupportedMediaType || !strings.Contains(disguised.Body, "non corrisponde al contenuto") {
			t.Errorf("disguised upload: %d", disguised.Status)
		}
		script := upload(t, c, path, "file", "pagina.pdf", []byte("<html><script>alert(1)</script></html>"))
		if script.Status != http.StatusUnsupportedMediaType || !strings.Contains(script.Body, "non è accettato") {
			t.Errorf("html upload: %d", script.Status)
		}
		if list, _ := s.Store.Attachments(ctx, act.ID); len(list) != 0 {
			t.Fatalf("refused uploads stored %d files", len(list))
		}
		if r := upload(t, c, path, "file", "Programma \"finale\".pdf", pdf); r.Status != http.StatusSeeOther {
			t.Fatalf("pdf upload: %d %s", r.Status, Excerpt(r.Body, "f-file-error"))
		}
		list, _ := s.Store.Attachments(ctx, act.ID)
		if len(list) != 1 || list[0].ContentType != "application/pdf" || list[0].Filename != "Programma finale.pdf" {
			t.Fatalf("stored = %+v", list)
		}
		// Served to anyone (the activity is published) with the right headers.
		anon := s.NewClient(t)
		res := anon.Get(t, "/allegati/"+Itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename))
		if res.Status != http.StatusOK || res.Body != string(pdf) || res.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("served file: %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		// A draft's files are not public.
		if err := s.Store.SetActivityStatus(ctx, store.Actor{}, act.ID, domain.StatusDraft, "unpublish"); err != nil {
			t.Fatal(err)
		}
		if r := anon.Get(t, "/allegati/"+Itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename)); r.Status != http.StatusNotFound {
			t.Errorf("draft attachment for a visitor: %d", r.Status)
		}
		if r := c.Get(t, "/allegati/"+Itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename)); r.Status != http.StatusOK {
			t.Errorf("draft attachment for the coordinator: %d", r.Status)
		}
	})
}

func TestAuditBrowse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		c := s.LoginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "formazione")
		if r := c.Post(t, "/admin/tipi/"+Itoa(typ.ID), url.Values{"name": {typ.Name}, "description": {"Corsi"}, "baseline": {"40"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("update type: %d", r.Status)
		}
		if r := c.Post(t, "/admin/tipi/"+Itoa(typ.ID), url.Values{"name": {""}, "baseline": {"-3"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "numero intero") {
			t.Errorf("invalid baseline: %d", r.Status)
		}
		if r := c.Post(t, "/admin/community", url.Values{"name": {"Community dei tecnici"}}); r.Status != http.StatusSeeOther {
			t.Errorf("new community: %d", r.Status)
		}
		page := c.Get(t, "/admin/registro?oggetto=activity_type")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "coord@example.it") || !strings.Contains(page.Body, "&#34;baseline&#34;: 40") || strings.Contains(page.Body, "Community dei tecnici") {
			t.Errorf("filtered audit page: %d", page.Status)
		}
		all := c.Get(t, "/admin/registro?q=tecnici")
		if !strings.Contains(all.Body, "Community dei tecnici") || !strings.Contains(all.Body, "1 modifica registrata") {
			t.Errorf("searched audit page lacks the community")
		}
		if r := c.Get(t, "/admin/registro?dal=ieri"); r.Status != http.StatusBadRequest {
			t.Errorf("bad date filter: %d", r.Status)
		}
	})
}

// The backoffice keeps the strict policy: its only script is an external
// file, served by the site itself, and no element carries inline handlers.
func TestAdminPagesHaveNoInlineScript(t *testing.T) {
	s := NewAdminSite(t, store.SQLite)
	s.AddUser(t, "coord@example.it", auth.Coordinator)
	c := s.LoginAs(t, "coord@example.it")
	act, _ := s.Store.Activity(context.Background(), "genova-2021")
	for _, path := range []string{"/admin", "/admin/attivita/nuova", "/admin/attivita/" + Itoa(act.ID), "/admin/enti", "/admin/tipi", "/admin/registro", "/admin/utenti/invita"} {
		for _, lang := range []string{"", "?lang=en"} {
			r := c.Get(t, path+lang)
			if r.Status != http.StatusOK {
				t.Errorf("%s%s: %d", path, lang, r.Status)
				continue
			}
			for _, chunk := range strings.Split(r.Body, "<script")[1:] {
				if !strings.HasPrefix(chunk, ` src="/static/js/`) {
					t.Errorf("%s has an inline or foreign script: <script%s", path, chunk[:min(60, len(chunk))])
				}
			}
			if strings.Contains(r.Body, " onclick=") || strings.Contains(r.Body, " style=") {
				t.Errorf("%s has inline handlers or styles", path)
			}
		}
	}
	js := c.Get(t, "/admin/attivita/"+Itoa(act.ID))
	src := strings.Split(strings.Split(js.Body, `<script src="`)[1], `"`)[0]
	if r := c.Get(t, src); r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Content-Type"), "javascript") || !strings.Contains(r.Body, "/admin/anteprima") {
		t.Errorf("preview script %s: %d %q", src, r.Status, r.Header.Get("Content-Type"))
	}
}
