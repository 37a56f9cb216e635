import Testing
@testable import KubeAPI

@Suite struct KindsTests {
    @Test func everyKindResolvesAndHasItsSchema() {
        let expected = ["Namespace", "Node", "Pod", "ReplicaSet", "Deployment", "StatefulSet", "DaemonSet", "Job",
                        "CronJob", "Service", "Endpoints", "EndpointSlice", "ConfigMap", "Secret", "PersistentVolume",
                        "PersistentVolumeClaim", "StorageClass", "Ingress", "IngressClass", "HorizontalPodAutoscaler",
                        "NetworkPolicy", "ServiceAccount", "Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding",
                        "ResourceQuota", "LimitRange", "PodDisruptionBudget", "Event"]
        for kind in expected {
            let served = Kinds.resources(kind: kind)
            #expect(!served.isEmpty, "\(kind)")
            for resource in served {
                #expect(Kinds.resource(apiVersion: resource.apiVersion, kind: kind) == resource)
                #expect(Schema.kubernetes[resource.typeID] != nil, "\(resource.typeID)")
                #expect(resource.typeSchema.field("metadata") != nil)
                #expect(Kinds.resolve(resource.plural) != nil)
                #expect(Kinds.resolve(resource.singular) != nil)
                #expect(Kinds.resolve(kind) != nil)
                for short in resource.shortNames { #expect(Kinds.resolve(short)?.kind == kind, "\(short)") }
            }
        }
        #expect(Kinds.resources(kind: "HorizontalPodAutoscaler").map(\.apiVersion) == ["autoscaling/v2", "autoscaling/v1"])
        #expect(Kinds.resources(kind: "Event").map(\.apiVersion) == ["v1", "events.k8s.io/v1"])
    }

    @Test func commandLineNames() {
        for name in ["deployments", "deployment", "deploy", "Deployment", "deployment.apps", "deployments.apps",
                     "deployments.v1.apps", "DEPLOY"] {
            #expect(Kinds.resolve(name)?.kind == "Deployment", "\(name)")
        }
        #expect(Kinds.resolve("po")?.kind == "Pod")
        #expect(Kinds.resolve("svc")?.kind == "Service")
        #expect(Kinds.resolve("hpa")?.apiVersion == "autoscaling/v2")
        #expect(Kinds.resolve("hpa.v1.autoscaling")?.apiVersion == "autoscaling/v1")
        #expect(Kinds.resolve("ev")?.apiVersion == "v1")
        #expect(Kinds.resolve("events.events.k8s.io")?.apiVersion == "events.k8s.io/v1")
        #expect(Kinds.resolve("netpol")?.group == "networking.k8s.io")
        #expect(Kinds.resolve("quota")?.kind == "ResourceQuota")
        #expect(Kinds.resolve("limits")?.kind == "LimitRange")
        #expect(Kinds.resolve("ep")?.kind == "Endpoints")
        #expect(Kinds.resolve("endpoints")?.kind == "Endpoints")
        #expect(Kinds.resolve("deployments.v1beta1.apps") == nil || Kinds.resolve("deployments.v1beta1.apps")?.version == "v1")
        #expect(Kinds.resolve("nothing") == nil)
        #expect(Kinds.resolve("pv")?.namespaced == false)
    }

    @Test func suggestions() {
        #expect(Kinds.suggestion(apiVersion: "apps/v1", kind: "Deploymnet") == .typo(kind: "Deployment", apiVersion: "apps/v1"))
        #expect(Kinds.suggestion(apiVersion: "apps/v1", kind: "deployment") == .wrongCase(kind: "Deployment", apiVersion: "apps/v1"))
        #expect(Kinds.suggestion(apiVersion: "v1", kind: "svc") == .resourceName(kind: "Service", apiVersion: "v1"))
        #expect(Kinds.suggestion(apiVersion: "extensions/v1beta1", kind: "Deployment") == .removedVersion(removedIn: "1.16", use: "apps/v1"))
        #expect(Kinds.suggestion(apiVersion: "extensions/v1beta1", kind: "Ingress") == .removedVersion(removedIn: "1.22", use: "networking.k8s.io/v1"))
        #expect(Kinds.suggestion(apiVersion: "autoscaling/v2beta2", kind: "HorizontalPodAutoscaler") == .removedVersion(removedIn: "1.26", use: "autoscaling/v2"))
        #expect(Kinds.suggestion(apiVersion: "policy/v1beta1", kind: "PodDisruptionBudget") == .removedVersion(removedIn: "1.25", use: "policy/v1"))
        #expect(Kinds.suggestion(apiVersion: "batch/v1beta1", kind: "CronJob") == .removedVersion(removedIn: "1.25", use: "batch/v1"))
        #expect(Kinds.suggestion(apiVersion: "v1", kind: "Deployment") == .wrongVersion(use: ["apps/v1"]))
        #expect(Kinds.suggestion(apiVersion: "example.com/v1", kind: "Widget") == nil)
        #expect(EditDistance.between("Deploymnet", "Deployment") == 1)
    }

    @Test func schemaShape() {
        let schema = Schema.kubernetes
        #expect(Schema.clientVersion == "37.0.2")
        #expect(schema["V1ContainerPort"]?.field("containerPort")?.type == .int32)
        #expect(schema["V1ContainerPort"]?.field("containerPort")?.required == true)
        #expect(schema["V1PodSpec"]?.field("terminationGracePeriodSeconds")?.type == .int64)
        #expect(schema["V1ResourceRequirements"]?.field("limits")?.type == .map(.quantity))
        #expect(schema["V1ServicePort"]?.field("targetPort")?.type == .intOrString)
        #expect(schema["V1Secret"]?.field("data")?.type == .map(.bytes))
        #expect(schema["V1NetworkPolicyIngressRule"]?.field("from") != nil)
        #expect(schema["V2HorizontalPodAutoscaler"]?.goTypeString == "v2.HorizontalPodAutoscaler")
        #expect(schema["CoreV1Event"]?.goName == "Event")
        #expect(FieldType.list(.object("V1Container")).goTypeString(in: schema) == "[]v1.Container")
        #expect(schema.types.count > 300)
    }
}
