package istat

// Comune is one Italian municipality. Codes are kept as strings because
// their leading zeros are significant.
type Comune struct {
	Code          string // ISTAT code, 6 digits: province code + progressive number
	Name          string // official name, e.g. "Sant'Antonino di Susa"
	CadastralCode string // codice catastale (Belfiore), e.g. "C627"; used in the codice fiscale
	ProvinceCode  string // ISTAT province code, 3 digits
	ProvinceName  string
	ProvinceSigla string // two-letter abbreviation, e.g. "TO"
	RegionCode    string // ISTAT region code, 2 digits
	RegionName    string
	ZoneCode      string // ISTAT geographic zone (ripartizione), 1 digit
	ZoneName      string // e.g. "Nord-ovest"
	Population    int    // resident population, 2011 census
}

// Band reports the population band of the comune.
func (c Comune) Band() PopulationBand { return BandOf(c.Population) }

// Province summarises one province (or metropolitan city, or free
// consortium) by the comuni that belong to it.
type Province struct {
	Code       string
	Name       string
	Sigla      string
	RegionCode string
	RegionName string
	Comuni     int // number of comuni
	Population int // sum of the comuni's populations
}

// Region summarises one region by the comuni that belong to it.
type Region struct {
	Code       string
	Name       string
	ZoneCode   string
	ZoneName   string
	Provinces  int // number of provinces
	Comuni     int // number of comuni
	Population int // sum of the comuni's populations
}
