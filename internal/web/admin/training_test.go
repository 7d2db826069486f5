package admin_test

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
	"benicommunity/internal/store/storetest"
	. "benicommunity/internal/web/webtest"
)

// TestTrainingMaterials: a coordinator adds a recording link and a training
// file to an activity from its form, a bad address is refused in Italian,
// the link is deleted; a referent may not.
func TestTrainingMaterials(t *testing.T) {
	storetest.Each(t, func(t *testing.T, d store.Dialect) {
		ctx := context.Background()
		s := NewAdminSite(t, d)
		act, err := s.Store.Activity(ctx, "chieri-2020")
		if err != nil {
			t.Fatal(err)
		}
		s.AddUser(t, "coord@example.it", auth.Coordinator)
		s.AddUser(t, "ref@example.it", auth.Referent, "comune-di-chieri")
		c := s.LoginAs(t, "coord@example.it")
		path := "/admin/attivita/" + Itoa(act.ID)
		if r := c.Post(t, path+"/formazione", url.Values{"training_title": {"Registrazione"}, "training_url": {"video punto it"}}); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, "https://") || !strings.Contains(r.Body, "Registrazione") {
			t.Errorf("bad url: %d", r.Status)
		}
		if r := c.Post(t, path+"/formazione", url.Values{"training_title": {"Registrazione"}, "training_url": {"https://video.example.org/1"}}); r.Status != http.StatusSeeOther {
			t.Fatalf("add: %d %s", r.Status, Excerpt(r.Body, "invalid-feedback"))
		}
		if r := uploadTo(t, c, path+"/allegati", "slide.pdf", []byte("%PDF-1.4 slide"), map[string]string{"section": "training"}); r.Status != http.StatusSeeOther {
			t.Errorf("training file: %d", r.Status)
		}
		m, _ := s.Store.TrainingOf(ctx, []int64{act.ID})
		if len(m[act.ID].Links) != 1 || len(m[act.ID].Files) != 1 {
			t.Fatalf("training = %+v", m[act.ID])
		}
		form := c.Get(t, path)
		if !strings.Contains(form.Body, "https://video.example.org/1") || !strings.Contains(form.Body, `value="training"`) {
			t.Error("the activity form does not show the training link or the section")
		}
		link := Itoa(m[act.ID].Links[0].ID)
		ref := s.LoginAs(t, "ref@example.it")
		if r := ref.Post(t, path+"/formazione/"+link+"/elimina", nil); r.Status != http.StatusForbidden {
			t.Errorf("referent delete: %d", r.Status)
		}
		if r := c.Post(t, "/admin/attivita/999999/formazione/"+link+"/elimina", nil); r.Status != http.StatusNotFound {
			t.Errorf("link of another activity: %d", r.Status)
		}
		if r := c.Post(t, path+"/formazione/"+link+"/elimina", nil); r.Status != http.StatusSeeOther {
			t.Errorf("delete: %d", r.Status)
		}
		if m, _ := s.Store.TrainingOf(ctx, []int64{act.ID}); len(m[act.ID].Links) != 0 {
			t.Error("the link survived")
		}
	})
}
