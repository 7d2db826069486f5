package public

import (
	"net/http"
	"net/url"
	"strings"

	"benicommunity/internal/web/core"
)

// Language answers the language switch in the header of every page,
// /lingua?l=en&torna=/tappe: it keeps the choice in the preference cookie
// core.LangCookie and sends the visitor back to the page they were on. This
// is the only place the cookie is set, so it exists only for visitors who
// clicked the switch. Choosing Italian, the default, removes the cookie.
//
// The return address also gets ?lang=, so the first page is in the chosen
// language even for a browser that refuses cookies, and a shared link keeps
// its language.
func (s *Handler) Language(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	l, ok := s.Bundle.Choose(q.Get("l"))
	if !ok {
		l = s.Bundle.Localizer("it")
	}
	back := core.SafeLocalPath(q.Get("torna"), "/")
	// A secure page gets a secure cookie; the cookie holds no secret, so a
	// local run over plain http may keep it too.
	secure := r.TLS != nil || strings.HasPrefix(s.Base(r), "https://")
	c := &http.Cookie{Name: core.LangCookie, Value: l.Lang(), Path: "/", MaxAge: core.LangCookieMaxAge,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode}
	if l.Lang() == "it" {
		c.Value, c.MaxAge = "", -1
	}
	http.SetCookie(w, c)
	u, err := url.Parse(back)
	if err != nil {
		u = &url.URL{Path: "/"}
	}
	v := u.Query()
	v.Set("lang", l.Lang())
	u.RawQuery = v.Encode()
	// The choice depends on who clicked: no shared cache may keep it.
	w.Header().Set("Cache-Control", "no-store")
	http.Redirect(w, r, u.RequestURI(), http.StatusSeeOther)
}
