package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"path/filepath"
	"time"

	"github.com/newsindex/newsindex/index"
)

// BackupRequest is the body of POST /api/admin/backup.
type BackupRequest struct {
	// Dir is the absolute path, on the server's machine, of the folder to
	// create; it must not exist.
	Dir string `json:"dir"`
	// Check, when true, opens the copy afterwards and verifies it.
	Check bool `json:"check"`
}

// BackupResponse answers POST /api/admin/backup.
type BackupResponse struct {
	Dir    string             `json:"dir"`
	TookMS float64            `json:"took_ms"`
	Check  *index.CheckReport `json:"check,omitempty"`
}

// serveBackup copies the served index to a new folder while it keeps
// serving (see index.Backup). Like writes, it needs the API key when one
// is set. A folder that exists is a conflict (409).
func (s *Server) serveBackup(w http.ResponseWriter, r *http.Request) {
	var req BackupRequest
	dec := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<10))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&req); err != nil {
		s.error(w, r, fmt.Errorf("%w: body: want {\"dir\": \"/absolute/path\", \"check\": true}: %v", index.ErrInvalidRequest, err))
		return
	}
	if req.Dir == "" || !filepath.IsAbs(req.Dir) {
		s.error(w, r, fmt.Errorf("%w: dir %q: want an absolute path on the server", index.ErrInvalidRequest, req.Dir))
		return
	}
	start := time.Now()
	err := s.ix.Backup(r.Context(), req.Dir)
	if errors.Is(err, index.ErrExists) {
		writeJSON(w, http.StatusConflict, map[string]string{"error": fmt.Sprintf("backup folder %s already exists", req.Dir)})
		return
	}
	if err != nil {
		s.error(w, r, err)
		return
	}
	res := BackupResponse{Dir: req.Dir, TookMS: float64(time.Since(start).Microseconds()) / 1000}
	s.log.Info("backup written", "path", req.Dir, "took", time.Since(start))
	if req.Check {
		rep, err := index.Check(r.Context(), req.Dir)
		if err != nil {
			s.error(w, r, fmt.Errorf("check the backup %s: %w", req.Dir, err))
			return
		}
		res.Check = &rep
	}
	writeJSON(w, http.StatusOK, res)
}

// serveCheck verifies the served index (see index.Index.Check) and answers
// with the report; it needs the API key when one is set, as it reads every
// document.
func (s *Server) serveCheck(w http.ResponseWriter, r *http.Request) {
	rep, err := s.ix.Check(r.Context())
	if err != nil {
		s.error(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, rep)
}
