package auth

// Role is what an account may do.
type Role string

const (
	// Coordinator runs the network: everything in the backoffice.
	Coordinator Role = "coordinator"
	// Referent edits the profile of the bodies they are referent of, nothing else.
	Referent Role = "referent"
	// Participant is a person with an account (registers for stages).
	Participant Role = "participant"
)

// Roles lists the roles in display order.
var Roles = []Role{Coordinator, Referent, Participant}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, v := range Roles {
		if v == r {
			return true
		}
	}
	return false
}

// User is an account as the rest of the program sees it (never its hash).
type User struct {
	ID     int64
	Email  string
	Name   string
	Role   Role
	Bodies []int64 // bodies the user is referent of
}

// IsCoordinator reports whether u runs the network.
func (u *User) IsCoordinator() bool { return u != nil && u.Role == Coordinator }

// CanEditBody reports whether u may edit the public profile of a body:
// coordinators may edit every body, referents only their own.
func (u *User) CanEditBody(bodyID int64) bool {
	if u == nil {
		return false
	}
	if u.Role == Coordinator {
		return true
	}
	if u.Role != Referent {
		return false
	}
	for _, id := range u.Bodies {
		if id == bodyID {
			return true
		}
	}
	return false
}
