using System.Net;

namespace RelayMesos.Mesos.Scheduler;

/// <summary>The master answered a call with a status other than the success it defines for that call.</summary>
public sealed class MesosCallException : Exception
{
    public MesosCallException(HttpStatusCode statusCode, string responseMessage, string callType)
        : base($"Mesos master refused {callType}: {(int)statusCode} {statusCode}"
               + (responseMessage.Length > 0 ? $": {responseMessage}" : string.Empty))
    {
        StatusCode = statusCode;
        ResponseMessage = responseMessage;
        CallType = callType;
    }

    /// <summary>A refusal whose status alone would not tell the operator what to fix; <paramref name="message"/> does.</summary>
    public MesosCallException(HttpStatusCode statusCode, string responseMessage, string callType, string message)
        : base(message)
    {
        StatusCode = statusCode;
        ResponseMessage = responseMessage;
        CallType = callType;
    }

    public MesosCallException()
        : this(HttpStatusCode.InternalServerError, string.Empty, "call")
    {
    }

    public MesosCallException(string message)
        : base(message)
    {
        ResponseMessage = string.Empty;
        CallType = "call";
    }

    public MesosCallException(string message, Exception innerException)
        : base(message, innerException)
    {
        ResponseMessage = string.Empty;
        CallType = "call";
    }

    public HttpStatusCode StatusCode { get; }

    /// <summary>The master's plain-text body, which says what was wrong.</summary>
    public string ResponseMessage { get; }

    public string CallType { get; }
}
