package registrations

import (
	"errors"
	"net/http"
	"strings"
	"unicode"

	"benicommunity/internal/domain"
	"benicommunity/internal/store"
	"benicommunity/internal/web/core"
	"golang.org/x/text/unicode/norm"
)

// AdminConfirmBody adds the body a person proposed to the registry (or
// links to the body of that name) for every registration that proposed it.
func (s *Handler) AdminConfirmBody(w http.ResponseWriter, r *http.Request) {
	a, ok := s.adminActivityPost(w, r)
	if !ok {
		return
	}
	reg, ok := s.pickedRegistration(w, r, a)
	if !ok {
		return
	}
	if reg.BodyID != 0 || reg.ProposedBodyName == "" || !domain.BodyKind(reg.ProposedBodyKind).Valid() {
		s.BadRequest(w, r, "registration.error.pick")
		return
	}
	l := s.Localizer(r)
	nb := store.NewBody{Slug: slugify(reg.ProposedBodyName), Name: reg.ProposedBodyName, Kind: domain.BodyKind(reg.ProposedBodyKind),
		Description: l.T("registration.admin.body_place", "Place", reg.ProposedBodyPlace)}
	_, err := s.Store.ConfirmProposedBody(r.Context(), core.Actor(r), reg.ID, nb)
	if errors.Is(err, store.ErrConflict) {
		s.BadRequest(w, r, "registration.error.body_slug")
		return
	}
	if err != nil {
		s.ServerError(w, r, err)
		return
	}
	s.backToRegistrations(w, r, a, "ente")
}

// slugify makes a URL name: lower case, accents dropped, dashes between words.
func slugify(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.Trim(b.String(), "-")
}
