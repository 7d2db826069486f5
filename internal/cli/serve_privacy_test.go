package cli_test

import (
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

// TestServeDataController: without --data-controller serve warns at start
// and the privacy notice says so; with it (from the environment, or a flag
// that wins) the notice names the controller and its contact.
func TestServeDataController(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"BENICOMMUNITY_DB": "sqlite:" + filepath.Join(dir, "bc.db")}
	const warning = "no --data-controller or --data-controller-contact"

	srv := startServe(t, env, "--addr", "127.0.0.1:0")
	notice := privacyNotice(t, srv.addr)
	srv.stop(t)
	if !strings.Contains(srv.logs.String(), warning) {
		t.Errorf("serve without a data controller does not warn: %s", srv.logs.String())
	}
	if !strings.Contains(notice, "non ha ancora indicato chi è il titolare del trattamento") {
		t.Errorf("the notice does not say the controller is missing")
	}

	env["BENICOMMUNITY_DATA_CONTROLLER"] = "Comune di Collegno"
	env["BENICOMMUNITY_DATA_CONTROLLER_CONTACT"] = "privacy@comune.collegno.example.it"
	srv = startServe(t, env, "--addr", "127.0.0.1:0", "--data-controller", "Comune di Chieri")
	notice = privacyNotice(t, srv.addr)
	srv.stop(t)
	if strings.Contains(srv.logs.String(), warning) {
		t.Errorf("serve with a data controller still warns")
	}
	if !strings.Contains(notice, "Il titolare del trattamento dei dati è Comune di Chieri.") ||
		!strings.Contains(notice, "mailto:privacy@comune.collegno.example.it") {
		t.Errorf("the notice does not name the configured controller and contact")
	}
}

func privacyNotice(t *testing.T, addr string) string {
	t.Helper()
	res, err := http.Get("http://" + addr + "/privacy")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil || res.StatusCode != http.StatusOK {
		t.Fatalf("GET /privacy = %d, %v", res.StatusCode, err)
	}
	return string(b)
}
