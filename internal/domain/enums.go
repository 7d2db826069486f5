package domain

// Status is the publication state of an activity.
type Status string

const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusCancelled Status = "cancelled"
)

// Format is how an activity takes place.
type Format string

const (
	FormatOnline   Format = "online"
	FormatInPerson Format = "in_presenza"
	FormatHybrid   Format = "ibrido"
)

// Formats lists the valid formats in display order.
var Formats = []Format{FormatOnline, FormatInPerson, FormatHybrid}

// Valid reports whether f is a known format.
func (f Format) Valid() bool {
	for _, v := range Formats {
		if v == f {
			return true
		}
	}
	return false
}

// BodyKind is the legal kind of a body.
type BodyKind string

const (
	KindComune             BodyKind = "comune"
	KindCittaMetropolitana BodyKind = "citta_metropolitana"
	KindUnioneComuni       BodyKind = "unione_comuni"
	KindProvincia          BodyKind = "provincia"
	KindRegione            BodyKind = "regione"
	KindAssociazione       BodyKind = "associazione"
	KindUfficio            BodyKind = "ufficio"
	KindAltro              BodyKind = "altro"
)

// BodyKinds lists the valid kinds in display order.
var BodyKinds = []BodyKind{KindComune, KindCittaMetropolitana, KindUnioneComuni, KindProvincia, KindRegione, KindAssociazione, KindUfficio, KindAltro}

// Valid reports whether k is a known kind.
func (k BodyKind) Valid() bool {
	for _, v := range BodyKinds {
		if v == k {
			return true
		}
	}
	return false
}

// ParticipationRole is the role a body has at an activity.
type ParticipationRole string

const (
	RoleHost        ParticipationRole = "host"
	RoleCoOrganizer ParticipationRole = "co_organizer"
	RolePartner     ParticipationRole = "partner"
	RoleSpeaker     ParticipationRole = "speaker"
	RoleAttendee    ParticipationRole = "attendee"
)

// ParticipationRoles lists the roles in display order.
var ParticipationRoles = []ParticipationRole{RoleHost, RoleCoOrganizer, RolePartner, RoleSpeaker, RoleAttendee}

// MemberRoles are the roles that make a body a member of the network. A partner
// or a guest speaker takes part without joining: the network counts a body as
// joined at its first activity in one of these roles.
var MemberRoles = []ParticipationRole{RoleHost, RoleCoOrganizer, RoleAttendee}

// Valid reports whether r is a known role.
func (r ParticipationRole) Valid() bool {
	for _, v := range ParticipationRoles {
		if v == r {
			return true
		}
	}
	return false
}

// IsMembership reports whether taking part in this role makes a body a member.
func (r ParticipationRole) IsMembership() bool {
	for _, v := range MemberRoles {
		if v == r {
			return true
		}
	}
	return false
}

// PersonRole is the role of a person taking part (declared or registered).
type PersonRole string

const (
	PersonSindaco     PersonRole = "sindaco"
	PersonAssessore   PersonRole = "assessore"
	PersonConsigliere PersonRole = "consigliere"
	PersonPolitico    PersonRole = "politico"
	PersonDirigente   PersonRole = "dirigente"
	PersonFunzionario PersonRole = "funzionario"
	PersonTecnico     PersonRole = "tecnico"
	PersonAltro       PersonRole = "altro"
)

// PersonRoles lists the person roles in display order.
var PersonRoles = []PersonRole{PersonSindaco, PersonAssessore, PersonConsigliere, PersonPolitico, PersonDirigente, PersonFunzionario, PersonTecnico, PersonAltro}

// Valid reports whether r is a known person role.
func (r PersonRole) Valid() bool {
	for _, v := range PersonRoles {
		if v == r {
			return true
		}
	}
	return false
}

// RoleGroup is the broad group of a person role: politici or tecnici.
type RoleGroup string

const (
	GroupPolitical RoleGroup = "politici"
	GroupTechnical RoleGroup = "tecnici"
	GroupOther     RoleGroup = "altri"
)

// Group returns the broad group of the role.
func (r PersonRole) Group() RoleGroup {
	switch r {
	case PersonSindaco, PersonAssessore, PersonConsigliere, PersonPolitico:
		return GroupPolitical
	case PersonDirigente, PersonFunzionario, PersonTecnico:
		return GroupTechnical
	}
	return GroupOther
}
