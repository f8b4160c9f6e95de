import { Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { Contest } from '../../contests/entities/contest.entity';
import { User } from '../../users/entities/user.entity';

/**
 * Per (contest, voter): how many votes are used. Incremented in the same transaction as the vote by
 * an upsert that locks only this voter's row; the CHECK makes exceeding the limit impossible under any
 * concurrency (the transaction fails and nothing is written).
 */
@Entity('voter_ballots')
@Check('voter_ballots_limit_check', `votes_used >= 0 AND (votes_limit IS NULL OR votes_used <= votes_limit)`)
export class VoterBallot {
  @PrimaryColumn({ type: 'uuid' })
  contestId!: string;

  @ManyToOne(() => Contest, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'contest_id' })
  contest?: Contest;

  @PrimaryColumn({ type: 'uuid' })
  voterId!: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'voter_id' })
  voter?: User;

  @Column({ type: 'integer' })
  votesUsed!: number;

  @Column({ type: 'integer', nullable: true })
  votesLimit!: number | null;
}
