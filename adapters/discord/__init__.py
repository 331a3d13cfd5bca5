"""The Discord adapter (discord.py): slash commands, mentions, buttons and daily posts, all through
`Prepbot.handle`.

Entry points: `service.DiscordService(bot, settings)` (a `bot.service.Service`), the click command
`cli.discord_command`, and the pure helpers `embeds.render(reply)` and
`inbound.text_for_command(name, options)`. Nothing is imported here, so `import adapters.discord`
stays cheap.
"""
