/// Spanish descriptions of the fields a learner meets, for `taller k explain`. Looked up by
/// the full path (`Deployment.spec.replicas`), then by the field's own name (`image`).
enum KubectlExplainDocs {
    static let byPath: [String: String] = [
        "Deployment": "Un Deployment mantiene en marcha un número de réplicas de un Pod y las actualiza de forma gradual (rolling update) cuando cambias su plantilla.",
        "ReplicaSet": "Un ReplicaSet mantiene un número fijo de Pods idénticos. Normalmente no lo creas tú: lo crea y lo gestiona un Deployment.",
        "Pod": "Un Pod es la unidad mínima que se ejecuta en Kubernetes: uno o varios contenedores que comparten red y volúmenes y se planifican juntos en un nodo.",
        "Service": "Un Service da un nombre y una IP estables a un grupo de Pods (elegidos por etiquetas) y reparte el tráfico entre ellos.",
        "ConfigMap": "Un ConfigMap guarda configuración no secreta como pares clave-valor, para usarla como variables de entorno o archivos en los Pods.",
        "Secret": "Un Secret guarda datos sensibles (contraseñas, tokens, claves). En data, los valores van en base64; en stringData, como texto.",
        "Namespace": "Un Namespace separa los objetos del clúster en grupos con nombre, como carpetas.",
        "Job": "Un Job ejecuta Pods hasta que terminan con éxito el número de veces indicado.",
        "CronJob": "Un CronJob crea Jobs según un horario en formato cron.",
        "StatefulSet": "Un StatefulSet gestiona Pods con identidad estable (nombre, red y almacenamiento propios), creados y borrados en orden.",
        "DaemonSet": "Un DaemonSet ejecuta una copia de un Pod en cada nodo (o en los nodos elegidos).",
        "Deployment.spec.replicas": "Cuántos Pods iguales quieres en marcha. Por omisión, 1.",
        "ReplicaSet.spec.replicas": "Cuántos Pods iguales debe mantener el ReplicaSet. Por omisión, 1.",
        "Deployment.spec.selector": "Qué Pods pertenecen a este Deployment, por sus etiquetas. Debe coincidir con spec.template.metadata.labels y no se puede cambiar después de crearlo.",
        "Deployment.spec.template": "La plantilla de los Pods que crea el Deployment: sus etiquetas (metadata.labels) y su especificación (spec). Cambiarla provoca un rollout.",
        "Deployment.spec.strategy": "Cómo se sustituyen los Pods viejos por los nuevos: RollingUpdate (poco a poco, por omisión) o Recreate (todos a la vez).",
        "Deployment.spec.paused": "Si es true, los cambios en la plantilla no se despliegan hasta reanudar (taller k rollout resume).",
        "Deployment.spec.revisionHistoryLimit": "Cuántos ReplicaSets antiguos se guardan para poder volver atrás (rollout undo). Por omisión, 10.",
        "Service.spec.type": "Cómo se publica el Service: ClusterIP (solo dentro del clúster, por omisión), NodePort (un puerto en cada nodo), LoadBalancer (un balanceador externo) o ExternalName.",
        "Service.spec.selector": "Las etiquetas de los Pods que reciben el tráfico del Service. Si no coincide con ningún Pod, el Service no tiene endpoints.",
        "Service.spec.ports": "Los puertos del Service: port (el del Service), targetPort (el del contenedor) y, en NodePort, nodePort.",
        "Service.spec.ports.port": "El puerto en el que escucha el Service.",
        "Service.spec.ports.targetPort": "El puerto del contenedor al que se envía el tráfico (número o nombre de puerto). Por omisión, el mismo que port.",
        "Service.spec.ports.nodePort": "En los Service NodePort o LoadBalancer, el puerto abierto en cada nodo (30000-32767). Si no lo pones, se asigna uno.",
        "Service.spec.clusterIP": "La IP interna del Service. Se asigna sola; None crea un Service headless (sin IP, con DNS por Pod).",
    ]

    static let byField: [String: String] = [
        "apiVersion": "La versión de la API del objeto (v1, apps/v1, batch/v1…). Debe ser una que el clúster sirva para este kind.",
        "kind": "El tipo de objeto (Pod, Deployment, Service…), con mayúscula inicial, tal cual.",
        "metadata": "Los datos que identifican al objeto: nombre, namespace, etiquetas y anotaciones.",
        "spec": "El estado que deseas: lo que escribes tú y Kubernetes intenta cumplir.",
        "status": "El estado observado, que escribe el clúster. No lo pongas en tus manifiestos.",
        "name": "El nombre: minúsculas, dígitos y guiones (y puntos en algunos tipos). Único entre los objetos del mismo tipo en su namespace.",
        "namespace": "El namespace del objeto. Si no lo pones, se usa el de la orden (-n) o default.",
        "labels": "Etiquetas clave-valor para organizar y seleccionar objetos (los selectores de Services y Deployments las usan).",
        "annotations": "Anotaciones clave-valor con información para herramientas y personas; no sirven para seleccionar.",
        "containers": "La lista de contenedores del Pod. Cada uno necesita name e image.",
        "initContainers": "Contenedores que se ejecutan, uno tras otro y hasta terminar, antes de los contenedores normales.",
        "image": "La imagen del contenedor (por ejemplo nginx:1.27). Sin etiqueta, se usa latest.",
        "imagePullPolicy": "Cuándo descargar la imagen: Always, IfNotPresent o Never. Por omisión, Always con :latest e IfNotPresent con otra etiqueta.",
        "command": "Sustituye el ENTRYPOINT de la imagen: el programa que se ejecuta.",
        "args": "Sustituye el CMD de la imagen: los argumentos del programa.",
        "ports": "Los puertos que abre el contenedor (informativo, pero los usan expose y los Services con nombre de puerto).",
        "containerPort": "El número de puerto en el que escucha el contenedor.",
        "env": "Variables de entorno del contenedor: name y value, o valueFrom para sacarlas de un ConfigMap o Secret.",
        "envFrom": "Carga como variables de entorno todas las claves de un ConfigMap o Secret.",
        "resources": "Recursos del contenedor: requests (lo que se reserva para planificarlo) y limits (lo máximo que puede usar).",
        "requests": "La CPU y memoria reservadas para el contenedor; el planificador solo lo pone en un nodo con ese hueco libre.",
        "limits": "La CPU y memoria máximas. Si supera la memoria, el contenedor muere (OOMKilled); la CPU se frena.",
        "livenessProbe": "Sonda de vida: si falla, el kubelet reinicia el contenedor.",
        "readinessProbe": "Sonda de disponibilidad: mientras falla, el Pod no recibe tráfico de los Services.",
        "startupProbe": "Sonda de arranque: las otras sondas esperan a que esta tenga éxito (para aplicaciones lentas en arrancar).",
        "volumes": "Los volúmenes del Pod (emptyDir, configMap, secret, persistentVolumeClaim…), que los contenedores montan con volumeMounts.",
        "volumeMounts": "Dónde monta el contenedor cada volumen del Pod (mountPath).",
        "selector": "Las etiquetas que eligen los objetos relacionados.",
        "matchLabels": "Pares clave-valor que deben estar todos en las etiquetas del objeto elegido.",
        "template": "La plantilla de los Pods que se crean.",
        "restartPolicy": "Qué hace el kubelet cuando un contenedor termina: Always (por omisión), OnFailure o Never.",
        "nodeSelector": "Etiquetas que debe tener el nodo para que el Pod se planifique en él.",
        "tolerations": "Permiten al Pod ir a nodos con taints que de otro modo lo rechazarían.",
        "data": "Los pares clave-valor guardados.",
        "stringData": "Valores de un Secret escritos como texto; el servidor los pasa a base64 en data.",
        "replicas": "Cuántas réplicas se quieren.",
        "type": "El tipo o la variante de este objeto o campo.",
    ]

    static let missing = "(Aún no hay descripción en español para este campo; consulta https://kubernetes.io/docs/reference/kubernetes-api/)"

    static func description(_ path: String, field: String) -> String {
        if let text = byPath[path] { return text }
        if !field.isEmpty, let text = byField[field] { return text }
        return missing
    }
}
