/// Status lines and the pages nginx writes itself (src/http/ngx_http_special_response.c:
/// `ngx_http_error_404_page`…, with `server_tokens off` as ingress-nginx sets it).
public enum HTTPText {
    /// The reason phrase of a status line (nginx's, where it differs from RFC 9110's).
    public static func reason(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 301: "Moved Permanently"
        case 302: "Moved Temporarily"
        case 304: "Not Modified"
        case 308: "Permanent Redirect"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Temporarily Unavailable"
        case 504: "Gateway Time-out"
        default: ""
        }
    }

    /// nginx's own error page for `status` (`server` is `nginx` or `nginx/1.27.4`).
    static func page(_ status: Int, server: String = "nginx") -> String {
        let title = "\(status) \(reason(status))"
        return "<html>\n<head><title>\(title)</title></head>\n<body>\n<center><h1>\(title)</h1></center>\n<hr><center>\(server)</center>\n</body>\n</html>\n"
    }
}
