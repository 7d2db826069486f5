package admin_test

import (
	"bytes"
	"context"
	"net/http"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// Attachments, logos and contact offices edited in the backoffice appear on
// the public pages, to visitors without any cookie.
func TestPublicPagesShowBackofficeChanges(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		ref := s.LoginAs(t, "ref@example.it")
		body, _ := s.Store.Body(ctx, "comune-di-chieri")
		png := append([]byte("\x89PNG\r\n\x1a\n"), bytes.Repeat([]byte{0}, 100)...)
		if r := upload(t, ref, "/admin/enti/"+Itoa(body.ID)+"/logo", "logo", "logo.png", png); r.Status != http.StatusSeeOther {
			t.Fatalf("logo upload: %d %s", r.Status, Excerpt(r.Body, "f-logo-error"))
		}
		if r := upload(t, ref, "/admin/enti/"+Itoa(body.ID)+"/logo", "logo", "logo.png", []byte("%PDF-1.4 not an image")); r.Status != http.StatusUnsupportedMediaType {
			t.Errorf("a PDF as logo: %d", r.Status)
		}
		if err := s.Store.UpdateBodyProfile(ctx, store.Actor{}, body.ID, store.BodyProfile{ContactOffice: "Ufficio beni comuni, piano terra"}); err != nil {
			t.Fatal(err)
		}
		act, _ := s.Store.Activity(ctx, "genova-2021")
		if _, err := s.Store.AddAttachment(ctx, store.Actor{}, store.NewAttachment{ActivityID: act.ID, Section: "outcome", Filename: "esiti.pdf", Title: "Esiti dei tavoli", ContentType: "application/pdf", Data: []byte("%PDF-1.4")}); err != nil {
			t.Fatal(err)
		}
		anon := s.NewClient(t)
		bp := anon.Get(t, "/enti/comune-di-chieri")
		if !strings.Contains(bp.Body, `src="/loghi/`+Itoa(body.ID)+`"`) || !strings.Contains(bp.Body, "Ufficio beni comuni, piano terra") || bp.Header.Get("Set-Cookie") != "" {
			t.Errorf("public body page lacks the logo or the contact office")
		}
		logo := anon.Get(t, "/loghi/"+Itoa(body.ID))
		if logo.Status != http.StatusOK || logo.Header.Get("Content-Type") != "image/png" || logo.Body != string(png) {
			t.Errorf("logo: %d %q", logo.Status, logo.Header.Get("Content-Type"))
		}
		sp := anon.Get(t, "/tappe/genova-2021")
		if !strings.Contains(sp.Body, "Esiti dei tavoli") || !strings.Contains(sp.Body, "/allegati/") {
			t.Errorf("public stage page lacks its attachment")
		}
	})
}
