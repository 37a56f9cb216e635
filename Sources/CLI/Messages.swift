/// Everything the command line says to a person, in one place.
enum Messages {
    static let welcome = """
    ¡Bienvenido a Taller K8s!

    Un curso de Kubernetes en la terminal: lees una lección breve, escribes YAML de verdad
    y un clúster simulado te dice al instante qué está bien y qué no, señalando tu línea.

    Lo que puedes hacer hoy:
      taller yaml eventos ARCHIVO          muestra los eventos del analizador YAML
      taller yaml json ARCHIVO             muestra cada documento como JSON, como lo vería kubectl
      taller ayuda                         muestra esta ayuda

    Pronto: lecciones, ejercicios con corrección automática y `taller k`, un kubectl
    para el clúster simulado.

    """

    static func unknownCommand(_ name: String) -> String {
        "error: no conozco la orden «\(name)». Escribe `taller ayuda` para ver las órdenes.\n"
    }
}
