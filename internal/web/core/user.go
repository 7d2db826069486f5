package core

import (
	"context"
	"net/http"

	"benicommunity/internal/auth"
	"benicommunity/internal/store"
)

type userKey struct{}

// CurrentUser returns the logged-in account of a request, or nil.
func CurrentUser(r *http.Request) *auth.User {
	u, _ := r.Context().Value(userKey{}).(*auth.User)
	return u
}

func WithCurrentUser(r *http.Request, u *auth.User) *http.Request {
	return r.WithContext(context.WithValue(r.Context(), userKey{}, u))
}

// actor is who acts in a request, for the audit log.
func Actor(r *http.Request) store.Actor {
	if u := CurrentUser(r); u != nil {
		return store.Actor{UserID: u.ID, Email: u.Email}
	}
	return store.Actor{}
}
