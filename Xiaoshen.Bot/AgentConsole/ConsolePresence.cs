using Microsoft.AspNetCore.Components.Server.Circuits;
using Xiaoshen.Bot.Handoff;

namespace Xiaoshen.Bot.AgentConsole;

/// <summary>
/// Tells the handoff when an agent's console connects and when its connection drops, so their conversations go back to
/// the queue if they do not come back. Scoped: one per console circuit; the workbench tells it who signed in.
/// </summary>
public sealed class ConsolePresence(HandoffService handoff) : CircuitHandler
{
    private HumanAgent? _agent;
    private bool _up;

    /// <summary>The workbench of <paramref name="agent"/> is open on this circuit.</summary>
    public async Task AttachAsync(HumanAgent agent, CancellationToken cancellationToken)
    {
        if (_agent is not null)
        {
            return;
        }

        _agent = agent;
        _up = true;
        await handoff.ConnectAsync(agent, cancellationToken);
    }

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_agent is not null && !_up)
        {
            _up = true;
            await handoff.ConnectAsync(_agent, cancellationToken);
        }
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        if (_agent is not null && _up)
        {
            _up = false;
            handoff.Disconnect(_agent.Id);
        }

        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken) => OnConnectionDownAsync(circuit, cancellationToken);
}
