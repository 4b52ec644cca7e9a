package samplegen

import (
	"reflect"
	"testing"

	"tongbao/internal/circular"
)

func TestParseScale(t *testing.T) {
	for in, want := range map[string]Scale{"city": City, "Province": Province, " nation ": Nation, "全国": Nation, "省": Province} {
		if got, ok := ParseScale(in); !ok || got != want {
			t.Errorf("ParseScale(%q) = %v %v", in, got, ok)
		}
	}
	if _, ok := ParseScale("county"); ok {
		t.Error("county accepted")
	}
}

// TestGenerateRounds: consecutive quarters of the same items, deterministic,
// with a recheck (some of last quarter's failures fixed, some not).
func TestGenerateRounds(t *testing.T) {
	opts := Options{Scale: Province, Seed: 5, Rounds: 3}
	rs := GenerateRounds(opts)
	if len(rs) != 3 {
		t.Fatalf("%d rounds", len(rs))
	}
	if !reflect.DeepEqual(rs[0], Generate(Province, 5)) {
		t.Error("the first round is not Generate's")
	}
	if !reflect.DeepEqual(rs, GenerateRounds(opts)) {
		t.Error("the same seed gave different rounds")
	}
	for k := 1; k < len(rs); k++ {
		prev, cur := rs[k-1], rs[k]
		py, pq := prev.Round.Year, prev.Round.Quarter
		if want := (py*4 + pq); cur.Round.Year*4+cur.Round.Quarter != want+1 {
			t.Errorf("round %d is %s after %s", k, cur.Round.Key(), prev.Round.Key())
		}
		var fixed, still, failing, checked int
		for i, s := range cur.Sites {
			if s.Code != prev.Sites[i].Code {
				t.Fatalf("site %d changed", i)
			}
			if msg := s.Result.Evaluate(false); msg != "" {
				t.Fatal(msg)
			}
			if s.Checked {
				checked++
			}
			if s.Failing() {
				failing++
			}
			if prev.Sites[i].Failing() {
				if !s.Checked {
					t.Fatalf("%s failed before and is not rechecked", s.Code)
				}
				if s.Failing() {
					still++
				} else {
					fixed++
				}
			}
		}
		if fixed == 0 || still == 0 {
			t.Errorf("round %d: %d fixed, %d still failing", k, fixed, still)
		}
		if rate := float64(failing) / float64(checked); rate < 0.01 || rate > 0.12 {
			t.Errorf("round %d: failing rate %.3f", k, rate)
		}
		var aFailing, aChecked int
		for _, a := range cur.Accounts {
			if a.Checked {
				aChecked++
			}
			if a.Failing() {
				aFailing++
			}
		}
		if rate := float64(aFailing) / float64(aChecked); rate < 0.02 || rate > 0.12 {
			t.Errorf("round %d: account failing rate %.3f", k, rate)
		}
		t.Log(Describe(cur))
	}
}

func TestGenerateFull(t *testing.T) {
	rr := GenerateRounds(Options{Scale: Province, Seed: 1, Full: true})[0]
	if rr.Round.Scope != circular.ScopeFull {
		t.Errorf("scope %v", rr.Round.Scope)
	}
	for _, s := range rr.Sites {
		if !s.Closed && !s.Checked {
			t.Fatalf("%s running and not checked under 全覆盖", s.Code)
		}
	}
}
