package web_test

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
)

func stageForm(typeID, communityID, hostID int64) url.Values {
	return url.Values{
		"title": {"Tappa a Pinerolo"}, "type": {itoa(typeID)}, "community": {itoa(communityID)}, "is_stage": {"1"},
		"starts_on": {"2026-05-20"}, "start_time": {"17:30"}, "end_time": {"19:30"}, "format": {"in_presenza"},
		"venue": {"Sala consiliare, Piazza Vittorio Veneto 1, Pinerolo"}, "description": {"## Programma\n\n<script>alert(1)</script>\n\nSaluti **iniziali** <a href=\"javascript:alert(2)\" onclick=\"x()\">link</a>"},
		"themes": {"Comunicazione interna\nPatti digitali"}, "people": {"30"}, "role_sindaco": {"1"}, "role_people_sindaco": {"4"},
		"table_title": {"Tavolo uno", ""}, "table_theme": {"Patti digitali", ""}, "table_outcome": {"Esito del tavolo uno", ""},
		"part_body": {itoa(hostID), ""}, "part_role": {"host", "host"}, "part_note": {"", ""},
	}
}

func TestCoordinatorCreatesAndPublishesStage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "co-progettazione")
		comms, _ := s.Store.Communities(ctx)
		host, _ := s.Store.Body(ctx, "comune-di-chieri")

		if r := c.get(t, "/admin/attivita/nuova"); r.Status != http.StatusOK || !strings.Contains(r.Body, `data-markdown-preview`) {
			t.Fatalf("new form: %d", r.Status)
		}
		// Invalid: errors next to the fields, everything typed kept.
		bad := stageForm(typ.ID, comms[0].ID, host.ID)
		bad.Set("starts_on", "2026-02-30")
		bad.Set("end_time", "16:00")
		bad.Set("venue", "")
		bad.Set("people", "trenta")
		bad["table_title"] = []string{"", ""}
		r := c.post(t, "/admin/attivita", bad)
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

		before := counter(t, s.Store, typ.ID)
		r = c.post(t, "/admin/attivita", stageForm(typ.ID, comms[0].ID, host.ID))
		if r.Status != http.StatusSeeOther {
			t.Fatalf("create: status %d %s", r.Status, excerpt(r.Body, "invalid-feedback"))
		}
		edit := strings.TrimSuffix(r.Header.Get("Location"), "?fatto=salvata")
		if code, _ := s.get(t, "/tappe/tappa-a-pinerolo"); code != http.StatusNotFound {
			t.Errorf("a draft is public: %d", code)
		}
		if r := c.post(t, edit+"/pubblica", nil); r.Status != http.StatusSeeOther {
			t.Fatalf("publish: %d", r.Status)
		}
		if got := counter(t, s.Store, typ.ID); got != before+1 {
			t.Errorf("counter after publishing = %d, want %d", got, before+1)
		}
		code, page := s.get(t, "/tappe/tappa-a-pinerolo")
		if code != http.StatusOK || !strings.Contains(page, "<strong>iniziali</strong>") || strings.Contains(page, "<script>alert") ||
			strings.Contains(page, "javascript:alert") || strings.Contains(page, "onclick") {
			t.Errorf("public stage: %d, markdown rendered %v, script removed %v", code, strings.Contains(page, "<strong>iniziali</strong>"), !strings.Contains(page, "<script>alert"))
		}
		det, _ := s.Store.ActivityDetail(ctx, "tappa-a-pinerolo")
		if det.StartTime != "17:30" || len(det.Tables) != 1 || len(det.Roles) != 1 || *det.Roles[0].People != 4 || len(det.Participations) != 1 || det.Participations[0].Role != domain.RoleHost {
			t.Errorf("stored stage = %+v", det)
		}
		// Edit form shows the stored values; saving it unchanged keeps them.
		form := c.getBody(t, edit)
		if !strings.Contains(form, "Tavolo uno") || !strings.Contains(form, `value="2026-05-20"`) {
			t.Errorf("edit form lacks stored values")
		}
		if r := c.post(t, edit+"/ritira", nil); r.Status != http.StatusSeeOther || counter(t, s.Store, typ.ID) != before {
			t.Errorf("unpublish: %d, counter %d", r.Status, counter(t, s.Store, typ.ID))
		}
		if r := c.get(t, edit+"/elimina"); r.Status != http.StatusOK || !strings.Contains(r.Body, "non si può annullare") {
			t.Errorf("delete confirmation page: %d", r.Status)
		}
		if r := c.post(t, edit+"/elimina", url.Values{"conferma": {"1"}}); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if _, err := s.Store.Activity(ctx, "tappa-a-pinerolo"); err == nil {
			t.Error("the deleted activity still exists")
		}
	})
}

func (c *client) getBody(t *testing.T, path string) string { return c.get(t, path).Body }

func counter(t *testing.T, s *store.Store, typeID int64) int {
	t.Helper()
	cs, err := s.Counters(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range cs {
		if c.Type.ID == typeID {
			return c.Type.Baseline + c.Published
		}
	}
	t.Fatalf("no type %d", typeID)
	return 0
}

func TestMarkdownPreviewIsSanitised(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	c := s.loginAs(t, "coord@example.it")
	r := c.post(t, "/admin/anteprima", url.Values{"text": {"# Titolo\n\n<img src=x onerror=alert(1)> [clic](javascript:alert(1)) <script>alert(2)</script>**ok**"}})
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
func upload(t *testing.T, c *client, path, field, filename string, data []byte) response {
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
	req, _ := http.NewRequest(http.MethodPost, c.base+path, &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return c.do(t, req)
}

func TestAttachmentUploads(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newAdminSite(t, d) // MaxUpload is 1 MiB here
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		act, _ := s.Store.Activity(ctx, "genova-2021")
		path := "/admin/attivita/" + itoa(act.ID) + "/allegati"
		pdf := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 2000)...)

		big := upload(t, c, path, "file", "grande.pdf", append([]byte("%PDF-1.4\n"), make([]byte, 2<<20)...))
		if big.Status != http.StatusRequestEntityTooLarge || !strings.Contains(big.Body, "troppo grande") || !strings.Contains(big.Body, "1,0 MB") {
			t.Errorf("oversized upload: %d %s", big.Status, excerpt(big.Body, "f-file-error"))
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
			t.Fatalf("pdf upload: %d %s", r.Status, excerpt(r.Body, "f-file-error"))
		}
		list, _ := s.Store.Attachments(ctx, act.ID)
		if len(list) != 1 || list[0].ContentType != "application/pdf" || list[0].Filename != "Programma finale.pdf" {
			t.Fatalf("stored = %+v", list)
		}
		// Served to anyone (the activity is published) with the right headers.
		anon := s.newClient(t)
		res := anon.get(t, "/allegati/"+itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename))
		if res.Status != http.StatusOK || res.Body != string(pdf) || res.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), "inline") || res.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("served file: %d %q %q", res.Status, res.Header.Get("Content-Type"), res.Header.Get("Content-Disposition"))
		}
		// A draft's files are not public.
		if err := s.Store.SetActivityStatus(ctx, store.Actor{}, act.ID, domain.StatusDraft, "unpublish"); err != nil {
			t.Fatal(err)
		}
		if r := anon.get(t, "/allegati/"+itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename)); r.Status != http.StatusNotFound {
			t.Errorf("draft attachment for a visitor: %d", r.Status)
		}
		if r := c.get(t, "/allegati/"+itoa(list[0].ID)+"/"+url.PathEscape(list[0].Filename)); r.Status != http.StatusOK {
			t.Errorf("draft attachment for the coordinator: %d", r.Status)
		}
	})
}

func TestAuditBrowse(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := newAdminSite(t, d)
		s.addUser(t, "coord@example.it", auth.Coordinator)
		c := s.loginAs(t, "coord@example.it")
		typ, _ := s.Store.ActivityType(ctx, "formazione")
		if r := c.post(t, "/admin/tipi/"+itoa(typ.ID), url.Values{"name": {typ.Name}, "description": {"Corsi"}, "baseline": {"40"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("update type: %d", r.Status)
		}
		if r := c.post(t, "/admin/tipi/"+itoa(typ.ID), url.Values{"name": {""}, "baseline": {"-3"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "numero intero") {
			t.Errorf("invalid baseline: %d", r.Status)
		}
		if r := c.post(t, "/admin/community", url.Values{"name": {"Community dei tecnici"}}); r.Status != http.StatusSeeOther {
			t.Errorf("new community: %d", r.Status)
		}
		page := c.get(t, "/admin/registro?oggetto=activity_type")
		if page.Status != http.StatusOK || !strings.Contains(page.Body, "coord@example.it") || !strings.Contains(page.Body, "&#34;baseline&#34;: 40") || strings.Contains(page.Body, "Community dei tecnici") {
			t.Errorf("filtered audit page: %d", page.Status)
		}
		all := c.get(t, "/admin/registro?q=tecnici")
		if !strings.Contains(all.Body, "Community dei tecnici") || !strings.Contains(all.Body, "1 modifica registrata") {
			t.Errorf("searched audit page lacks the community")
		}
		if r := c.get(t, "/admin/registro?dal=ieri"); r.Status != http.StatusBadRequest {
			t.Errorf("bad date filter: %d", r.Status)
		}
	})
}

// The backoffice keeps the strict policy: its only script is an external
// file, served by the site itself, and no element carries inline handlers.
func TestAdminPagesHaveNoInlineScript(t *testing.T) {
	s := newAdminSite(t, store.SQLite)
	s.addUser(t, "coord@example.it", auth.Coordinator)
	c := s.loginAs(t, "coord@example.it")
	act, _ := s.Store.Activity(context.Background(), "genova-2021")
	for _, path := range []string{"/admin", "/admin/attivita/nuova", "/admin/attivita/" + itoa(act.ID), "/admin/enti", "/admin/tipi", "/admin/registro", "/admin/utenti/invita"} {
		for _, lang := range []string{"", "?lang=en"} {
			r := c.get(t, path+lang)
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
	js := c.get(t, "/admin/attivita/"+itoa(act.ID))
	src := strings.Split(strings.Split(js.Body, `<script src="`)[1], `"`)[0]
	if r := c.get(t, src); r.Status != http.StatusOK || !strings.Contains(r.Header.Get("Content-Type"), "javascript") || !strings.Contains(r.Body, "/admin/anteprima") {
		t.Errorf("preview script %s: %d %q", src, r.Status, r.Header.Get("Content-Type"))
	}
}
