import KubeAPI
import YAML

extension Cluster {
    /// The IngressClass of an ingress-nginx install on kind
    /// (deploy/static/provider/kind/deploy.yaml, controller v1.12), marked as the default
    /// class as `kubectl annotate ingressclass nginx
    /// ingressclass.kubernetes.io/is-default-class=true` (or the Helm chart's
    /// `controller.ingressClassResource.default`) leaves it, so an Ingress without
    /// `ingressClassName` gets `nginx` (APIServer+IngressAdmission.swift).
    ///
    /// Not created: namespace `ingress-nginx` and the controller's pods; `IngressController`
    /// plays their part. Like the other bootstrap objects it draws its uid from a generator of
    /// its own, so later names are unchanged.
    mutating func bootstrapIngress() {
        guard let resource = Kinds.resource(apiVersion: "networking.k8s.io/v1", kind: "IngressClass") else { return }
        let saved = api.random
        api.random = SeededRandom(seed: (saved.state.first ?? 0) ^ 0x696e_6772_6573_7321)
        defer { api.random = saved }
        let nginx: Value = [
            "apiVersion": "networking.k8s.io/v1", "kind": "IngressClass",
            "metadata": [
                "annotations": .mapping([.init(APIServer.defaultIngressClassAnnotation, "true")]),
                "labels": ["app.kubernetes.io/component": "controller", "app.kubernetes.io/instance": "ingress-nginx",
                           "app.kubernetes.io/name": "ingress-nginx", "app.kubernetes.io/part-of": "ingress-nginx",
                           "app.kubernetes.io/version": "1.12.1"],
                "name": .string(IngressRouter.className)],
            "spec": ["controller": .string(IngressRouter.controller)],
        ]
        _ = try? api.createObject(nginx, resource: resource, source: nil)
    }
}

extension APIServer {
    /// `networkingv1.AnnotationIsDefaultIngressClass`.
    static let defaultIngressClassAnnotation = "ingressclass.kubernetes.io/is-default-class"

    /// The DefaultIngressClass admission plugin on create
    /// (plugin/pkg/admission/network/defaultingressclass/admission.go): an Ingress with neither
    /// `spec.ingressClassName` nor the `kubernetes.io/ingress.class` annotation gets the class
    /// annotated `is-default-class: "true"`. Two default classes are an error there; here the
    /// first by name wins.
    func admitIngress(_ o: inout Value, resource: APIResource) {
        guard resource.groupResource == IngressRouter.resource else { return }
        if let name = o["spec"]?["ingressClassName"], !name.isNull { return }
        if o.annotation(IngressRouter.classAnnotation) != nil { return }
        let defaults = store.list(IngressRouter.classResource, namespace: nil)
            .filter { $0.value.annotation(APIServer.defaultIngressClassAnnotation) == "true" }.sorted { $0.key < $1.key }
        guard let chosen = defaults.first else { return }
        o.edit("spec") { $0.set("ingressClassName", .string(chosen.name)) }
    }
}
