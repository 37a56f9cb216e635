import Testing
import YAML
@testable import Simulator

/// describe.go `describeServiceAccount` and `printProjectedVolumeSource` (kubectl 1.32).
@Suite struct ServiceAccountPrintingTests {
    @Test func describeServiceAccountListsSecretsUnderPaddedHeaders() {
        let sa = Fixtures.load("""
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: robot, namespace: default, uid: u-1, labels: {app: web}}
        imagePullSecrets: [{name: registro}, {name: otro}]
        secrets: [{name: robot-token}]
        """)
        let secrets = [
            Fixtures.load("""
            kind: Secret
            metadata: {name: robot-token, annotations: {kubernetes.io/service-account.name: robot, kubernetes.io/service-account.uid: u-1}}
            type: kubernetes.io/service-account-token
            """),
            Fixtures.load("kind: Secret\nmetadata: {name: registro}\ntype: kubernetes.io/dockerconfigjson\n"),
            // Another ServiceAccount's token, or an old one of a ServiceAccount with this name.
            Fixtures.load("kind: Secret\nmetadata: {name: viejo, annotations: {kubernetes.io/service-account.name: robot, kubernetes.io/service-account.uid: u-0}}\ntype: kubernetes.io/service-account-token\n"),
        ]
        #expect(Describer.describe(DescribeInput(object: sa, related: secrets, now: Fixtures.now)) == """
        Name:                robot
        Namespace:           default
        Labels:              app=web
        Annotations:         <none>
        Image pull secrets:  registro
                             otro (not found)
        Mountable secrets:   robot-token
        Tokens:              robot-token
        Events:              <none>

        """)
        let bare = Fixtures.load("apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: default, namespace: tienda}\n")
        #expect(Describer.describe(DescribeInput(object: bare, now: Fixtures.now)) == """
        Name:                default
        Namespace:           tienda
        Labels:              <none>
        Annotations:         <none>
        Image pull secrets:  <none>
        Mountable secrets:   <none>
        Tokens:              <none>
        Events:              <none>

        """)
    }

    @Test func theProjectedTokenVolumeAsKubectl132PrintsIt() {
        var w = PrefixWriter()
        let volumes: [Value] = [
            ["name": "kube-api-access-x2q8k", "projected": APIServer.tokenVolumeSource],
            ["name": "mezcla", "projected": ["sources": [["secret": ["name": "s", "optional": true]], ["configMap": ["name": "c", "optional": false]]]]],
        ]
        Describer.volumes(volumes, space: "", &w)
        #expect(w.finish() == """
        Volumes:
          kube-api-access-x2q8k:
            Type:                    Projected (a volume that contains injected data from multiple sources)
            TokenExpirationSeconds:  3607
            ConfigMapName:           kube-root-ca.crt
            ConfigMapOptional:       <nil>
            DownwardAPI:             true
          mezcla:
            Type:                Projected (a volume that contains injected data from multiple sources)
            SecretName:          s
            SecretOptionalName:  true
            ConfigMapName:       c
            ConfigMapOptional:   false

        """)
    }
}
