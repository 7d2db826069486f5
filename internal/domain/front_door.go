package domain

// JoinStatus is where a body's request to join the network stands.
type JoinStatus string

const (
	// JoinPendingConfirmation: the requester has not yet followed the
	// e-mail confirmation link (double opt-in).
	JoinPendingConfirmation JoinStatus = "pending_confirmation"
	// JoinAwaitingReview: confirmed by e-mail, waiting for a coordinator.
	JoinAwaitingReview JoinStatus = "awaiting_review"
	JoinAccepted       JoinStatus = "accepted"
	JoinDeclined       JoinStatus = "declined"
)

// Valid tells whether s is a known status.
func (s JoinStatus) Valid() bool {
	switch s {
	case JoinPendingConfirmation, JoinAwaitingReview, JoinAccepted, JoinDeclined:
		return true
	}
	return false
}

// RegulationAnswer is what a requester says about their body's regulation
// on shared administration: yes, no, or does not know.
type RegulationAnswer string

const (
	AnswerYes     RegulationAnswer = "yes"
	AnswerNo      RegulationAnswer = "no"
	AnswerUnknown RegulationAnswer = "unknown"
)

// Valid tells whether a is a known answer.
func (a RegulationAnswer) Valid() bool {
	return a == AnswerYes || a == AnswerNo || a == AnswerUnknown
}

// NewsTopic is a subject a news subscriber chooses.
type NewsTopic string

const (
	TopicStages    NewsTopic = "stages"    // new stages and activities
	TopicOutcomes  NewsTopic = "outcomes"  // outcome reports
	TopicMaterials NewsTopic = "materials" // new materials and practices
	TopicPacts     NewsTopic = "pacts"     // new pacts in the chosen provinces
)

// NewsTopics lists the topics in display order.
var NewsTopics = []NewsTopic{TopicStages, TopicOutcomes, TopicMaterials, TopicPacts}

// NewsKind is the kind of a published thing announced in the news.
type NewsKind string

const (
	NewsStage    NewsKind = "stage"
	NewsActivity NewsKind = "activity"
	NewsOutcome  NewsKind = "outcome"
	NewsMaterial NewsKind = "material"
	NewsPractice NewsKind = "practice"
	NewsPact     NewsKind = "pact"
)

// Topic is the subscriber topic a kind of news belongs to.
func (k NewsKind) Topic() (NewsTopic, bool) {
	switch k {
	case NewsStage, NewsActivity:
		return TopicStages, true
	case NewsOutcome:
		return TopicOutcomes, true
	case NewsMaterial, NewsPractice:
		return TopicMaterials, true
	case NewsPact:
		return TopicPacts, true
	}
	return "", false
}
