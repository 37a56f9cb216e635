/// The cluster's certificate authority, as the apiserver's `--client-ca-file` and the
/// controller manager's `--root-ca-file` name it: what `kube-root-ca.crt` publishes in every
/// namespace (RootCACertPublisher) and pods read at
/// `/var/run/secrets/kubernetes.io/serviceaccount/ca.crt`.
///
/// A real, self-signed certificate in the shape kubeadm (and kind) gives its CA
/// (cmd/kubeadm/app/util/pkiutil: `CN=kubernetes`, RSA 2048, `CA:TRUE`, key usages Digital
/// Signature, Key Encipherment and Certificate Sign, SAN `DNS:kubernetes`, valid ten years from
/// the course epoch, 2026-01-01). It was made once with openssl and its private key thrown
/// away: it verifies nothing, but `openssl x509 -text` reads it as a learner would on a real
/// cluster. Fixed bytes, so every simulated cluster publishes the same data.
public enum ClusterCA {
    public static let certificate = """
        -----BEGIN CERTIFICATE-----
        MIIC/jCCAeagAwIBAgIBATANBgkqhkiG9w0BAQsFADAVMRMwEQYDVQQDDAprdWJl
        cm5ldGVzMB4XDTI2MDEwMTAwMDAwMFoXDTM1MTIzMDAwMDAwMFowFTETMBEGA1UE
        AwwKa3ViZXJuZXRlczCCASIwDQYJKoZIhvcNAQEBBQADggEPADCCAQoCggEBALVX
        8jOJ3hOf1aOaS3covDd/3ujLmkIgYHtELXqvmu7KIYzwXdvF1nJQ2pRhp8ayN6Vv
        aVdd7/BWKXFQiCzsYDHB2T9txBI91F6YWpJgpv/3Mw4awT+6S/b2lt3SzrTSq/9v
        j9vl/dGQcbMWYqeaZMUqcJtN5wPRqNR3nI00kU9a+/r4v28YhMszfWLVoqLFXoqe
        4rsVkXEPdQRR0QzwUAATaZd5QMd19Jbm8GWQDM76Xm371XDBspl8GaD5Ew0gDitj
        dj8Et8uoxxbL1mXKxU0+NSqJxGhGwrdxNZBd7dVHZZVj99JyOv2xLZn7TltFeS2z
        XkSG7TrpRq/Ft+F1J00CAwEAAaNZMFcwDwYDVR0TAQH/BAUwAwEB/zAOBgNVHQ8B
        Af8EBAMCAqQwHQYDVR0OBBYEFDtdNElCnKuX99XtXB7Jmc4tWaBoMBUGA1UdEQQO
        MAyCCmt1YmVybmV0ZXMwDQYJKoZIhvcNAQELBQADggEBAJh+qZ20owSR2o2z7gdV
        5FAjwrFO7IKACan5vfYiR8wO8pYR+Xw8SKyTkDBaqGKXUdu8Rx1MkmnILYVcRtud
        01XwIUBpcQCPHNKdc38iTavk4LC5WfK8rMRkKBC4NoOtwHwa12rCufps6Fhvb71c
        yJyQ1pz8IV/gg4BJbD6DDZU2X8gNgN1OrGM/M3hI9ZFqzLhhxtB1k51CtX6QPaeI
        +CFcG3a0Ydu6pOZIbDAYhxPHFPKIFEtJP11FLwroi1A+f46JQxLE7SRUKK2K1fr9
        y/UZm+4mlER5FoYrGl0UR7UCHJgzouBuw2rLJYWcxi6KEyFK5TVIgbk61PGQzRLd
        J5E=
        -----END CERTIFICATE-----

        """
}
