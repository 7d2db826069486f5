package domain_test

import (
	"testing"

	"benicommunity/internal/domain"
)

func TestWhichRolesMakeAMember(t *testing.T) {
	want := map[domain.ParticipationRole]bool{
		domain.RoleHost:        true,
		domain.RoleCoOrganizer: true,
		domain.RoleAttendee:    true,
		domain.RolePartner:     false,
		domain.RoleSpeaker:     false,
	}
	if len(want) != len(domain.ParticipationRoles) {
		t.Fatalf("%d roles known, %d checked", len(domain.ParticipationRoles), len(want))
	}
	for _, r := range domain.ParticipationRoles {
		if !r.Valid() {
			t.Errorf("%s is listed but not valid", r)
		}
		if r.IsMembership() != want[r] {
			t.Errorf("%s.IsMembership() = %v, want %v", r, r.IsMembership(), want[r])
		}
	}
	if domain.ParticipationRole("ospite").Valid() || domain.ParticipationRole("ospite").IsMembership() {
		t.Error("an unknown role is accepted")
	}
}

func TestCounterTotal(t *testing.T) {
	c := domain.Counter{Type: domain.ActivityType{Baseline: 33}, Published: 1}
	if c.Total() != 34 {
		t.Errorf("Total = %d, want 34", c.Total())
	}
	c.Published++
	if c.Total() != 35 {
		t.Errorf("one more published: Total = %d, want 35", c.Total())
	}
	if (domain.Counter{}).Total() != 0 {
		t.Error("an empty counter is not zero")
	}
}

func TestRoleGroups(t *testing.T) {
	for role, group := range map[domain.PersonRole]domain.RoleGroup{
		domain.PersonSindaco: domain.GroupPolitical, domain.PersonAssessore: domain.GroupPolitical,
		domain.PersonConsigliere: domain.GroupPolitical, domain.PersonPolitico: domain.GroupPolitical,
		domain.PersonDirigente: domain.GroupTechnical, domain.PersonFunzionario: domain.GroupTechnical,
		domain.PersonTecnico: domain.GroupTechnical, domain.PersonAltro: domain.GroupOther,
	} {
		if role.Group() != group || !role.Valid() {
			t.Errorf("%s: group %s (valid %v), want %s", role, role.Group(), role.Valid(), group)
		}
	}
}

func TestEnumsRejectUnknownValues(t *testing.T) {
	for _, k := range domain.BodyKinds {
		if !k.Valid() {
			t.Errorf("kind %s not valid", k)
		}
	}
	for _, f := range domain.Formats {
		if !f.Valid() {
			t.Errorf("format %s not valid", f)
		}
	}
	if domain.BodyKind("castello").Valid() || domain.Format("telepatia").Valid() || domain.PersonRole("re").Valid() {
		t.Error("an unknown value is accepted")
	}
}
