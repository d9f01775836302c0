// certs.go: --compare-certs FILE: sets each key and certificate celm generated (render_sprig_b
// --emit-certs) beside what Sprig's own functions make of the same request in Go, given celm's keys
// (the WithKey forms), and fails on any difference but the random serial and the moments of validity.
package main

import (
	"crypto/dsa"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/rsa"
	"crypto/sha256"
	"crypto/x509"
	"encoding/asn1"
	"encoding/hex"
	"encoding/pem"
	"fmt"
	"math/big"
	"os"
	"reflect"
	"strconv"
	"strings"
)

// The requests of test_emit_certs.c, by name.
type request struct {
	function string // genCAWithKey, genSelfSignedCertWithKey or genSignedCertWithKey
	cn       string
	ips, dns []any
	days     int
}

var requests = map[string]request{
	"ca":               {"genCAWithKey", "celm-ca", nil, nil, 365},
	"ca_unnamed":       {"genCAWithKey", "", nil, nil, 1},
	"ca_starred":       {"genCAWithKey", "*.example & co", nil, nil, 2},
	"ca_ecdsa":         {"genCAWithKey", "keyed", nil, nil, 7},
	"ca_ed25519":       {"genCAWithKey", "keyed", nil, nil, 7},
	"self":             {"genSelfSignedCertWithKey", "host", []any{"10.0.0.1", "::1"}, []any{"a.example", "b.example"}, 30},
	"self_unnamed":     {"genSelfSignedCertWithKey", "", nil, []any{"only.example"}, 5},
	"signed":           {"genSignedCertWithKey", "leaf", []any{"192.168.1.1"}, []any{"leaf.example"}, 10},
	"signed_same_name": {"genSignedCertWithKey", "celm-ca", nil, nil, 3},
	"signed_ecdsa":     {"genSignedCertWithKey", "keyed-leaf", nil, []any{"k.example"}, 4},
}

func parseCert(text string) (*x509.Certificate, error) {
	block, _ := pem.Decode([]byte(text))
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("no CERTIFICATE block")
	}
	return x509.ParseCertificate(block.Bytes)
}

// describe: everything Go sees in a certificate except its serial, signature and moments.
func describe(c *x509.Certificate, issuer *x509.Certificate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "version %d; serial bits <= 128: %v; positive: %v\n", c.Version, c.SerialNumber.BitLen() <= 128,
		c.SerialNumber.Sign() >= 0)
	fmt.Fprintf(&b, "subject %x; issuer %x\n", c.RawSubject, c.RawIssuer)
	fmt.Fprintf(&b, "valid for %v\n", c.NotAfter.Sub(c.NotBefore))
	fmt.Fprintf(&b, "key usage %d; ext %v; basic %v ca %v maxpath %d %v\n", c.KeyUsage, c.ExtKeyUsage,
		c.BasicConstraintsValid, c.IsCA, c.MaxPathLen, c.MaxPathLenZero)
	fmt.Fprintf(&b, "skid %x; akid %x\n", c.SubjectKeyId, c.AuthorityKeyId)
	fmt.Fprintf(&b, "dns %v; ips %v\n", c.DNSNames, c.IPAddresses)
	fmt.Fprintf(&b, "signature %v; public key %v %x\n", c.SignatureAlgorithm, c.PublicKeyAlgorithm, c.RawSubjectPublicKeyInfo)
	for _, e := range c.Extensions {
		fmt.Fprintf(&b, "extension %v critical %v %x\n", e.Id, e.Critical, e.Value)
	}
	fmt.Fprintf(&b, "signed by issuer: %v\n", c.CheckSignatureFrom(issuer) == nil)
	if c.IsCA && len(c.SubjectKeyId) > 0 {
		sum := sha256.Sum256(publicKeyBits(c))
		fmt.Fprintf(&b, "skid is sha256[:20]: %v\n", hex.EncodeToString(sum[:20]) == hex.EncodeToString(c.SubjectKeyId))
	}
	return b.String()
}

func publicKeyBits(c *x509.Certificate) []byte {
	var spki struct {
		Algorithm asn1.RawValue
		PublicKey asn1.BitString
	}
	asn1.Unmarshal(c.RawSubjectPublicKeyInfo, &spki)
	return spki.PublicKey.Bytes
}

// checkKey: a key genPrivateKey made, read as Sprig reads keys, of the kind and size Sprig asks for.
func checkKey(kind, text string) error {
	block, _ := pem.Decode([]byte(text))
	if block == nil {
		return fmt.Errorf("no PEM block")
	}
	var key any
	var err error
	switch block.Type {
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "DSA PRIVATE KEY":
		var k struct {
			Version       int
			P, Q, G, Y, X *big.Int
		}
		_, err = asn1.Unmarshal(block.Bytes, &k)
		key = &dsa.PrivateKey{PublicKey: dsa.PublicKey{Parameters: dsa.Parameters{P: k.P, Q: k.Q, G: k.G}, Y: k.Y}, X: k.X}
	}
	if err != nil {
		return err
	}
	var got string
	switch k := key.(type) {
	case *rsa.PrivateKey:
		got = fmt.Sprintf("rsa %d", k.N.BitLen())
	case *ecdsa.PrivateKey:
		got = "ecdsa " + k.Curve.Params().Name
	case ed25519.PrivateKey:
		got = "ed25519"
	case *dsa.PrivateKey:
		got = fmt.Sprintf("dsa %d %d", k.P.BitLen(), k.Q.BitLen())
	}
	want := map[string]string{"key_rsa": "rsa 4096", "key_ecdsa": "ecdsa P-256", "key_ed25519": "ed25519", "key_dsa": "dsa 2048 256"}[kind]
	if got != want {
		return fmt.Errorf("a %s key, not %s", got, want)
	}
	return nil
}

// sprigCertificate builds sprig's certificate struct for a ca parameter.
func sprigCertificate(fn reflect.Value, index int, cert, key string) reflect.Value {
	return convert(certificate{cert, key}, fn.Type().In(index))
}

func goVersion(name string, fields []string) (cert, key string, err error) {
	r := requests[name]
	fn := reflect.ValueOf(funcs[r.function])
	args := []reflect.Value{reflect.ValueOf(r.cn)}
	if r.function != "genCAWithKey" {
		args = append(args, reflect.ValueOf(r.ips), reflect.ValueOf(r.dns))
	}
	args = append(args, reflect.ValueOf(r.days))
	if r.function == "genSignedCertWithKey" {
		args = append(args, sprigCertificate(fn, 4, fields[2], fields[3]))
	}
	args = append(args, reflect.ValueOf(fields[1]))
	out := fn.Call(args)
	if !out[1].IsNil() {
		return "", "", out[1].Interface().(error)
	}
	return out[0].Field(0).String(), out[0].Field(1).String(), nil
}

func compareLine(line string) error {
	parts := strings.Split(line, "\t")
	fields := []string{}
	for _, p := range parts[1:] {
		s, err := strconv.Unquote(p)
		if err != nil {
			return err
		}
		fields = append(fields, s)
	}
	name := parts[0]
	if strings.HasPrefix(name, "key_") {
		return checkKey(name, fields[0])
	}
	celmCert, err := parseCert(fields[0])
	if err != nil {
		return fmt.Errorf("celm's certificate: %v", err)
	}
	goCert, goKey, err := goVersion(name, fields)
	if err != nil {
		return fmt.Errorf("go: %v", err)
	}
	if goKey != fields[1] {
		return fmt.Errorf("keys differ:\n%s\n%s", goKey, fields[1])
	}
	parsedGo, _ := parseCert(goCert)
	issuerCelm, issuerGo := celmCert, parsedGo
	if len(fields) > 2 {
		issuerCelm, _ = parseCert(fields[2])
		issuerGo = issuerCelm
	}
	if a, b := describe(celmCert, issuerCelm), describe(parsedGo, issuerGo); a != b {
		return fmt.Errorf("certificates differ\ncelm:\n%s\ngo:\n%s", a, b)
	}
	return nil
}

func compareCerts(path string) {
	data, err := os.ReadFile(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	failed, count := false, 0
	for _, line := range strings.Split(strings.TrimSpace(string(data)), "\n") {
		count++
		if err := compareLine(line); err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", strings.SplitN(line, "\t", 2)[0], err)
			failed = true
		}
	}
	if failed || count < len(requests)+4 {
		os.Exit(1)
	}
	fmt.Printf("%d keys and certificates match Go's\n", count)
}
